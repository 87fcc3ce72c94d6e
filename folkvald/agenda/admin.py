"""Admin of the agenda: edits are kept by django-simple-history; status history is read-only here,
because a status only changes through services.reform_status_change (with reason and evidence)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from folkvald.agenda.models import Agreement, Decision, Figure, Reform, StatusChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fk_name = "reform"
    fields = ["changed_at", "from_status", "to_status", "changed_by_name", "reason", "decision", "evidence_url"]
    readonly_fields = fields


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "kind", "period_start", "date", "is_published"]
    list_filter = ["kind", "is_published", "period_start"]
    search_fields = ["title"]
    filter_horizontal = ["parties"]


@admin.register(Reform)
class ReformAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "policy_area", "status", "weight", "is_published"]
    list_filter = ["status", "is_published", "period_start"]
    search_fields = ["title", "policy_area"]
    readonly_fields = ["status", "status_changed"]
    filter_horizontal = ["parties"]
    inlines = [StatusChangeInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "date", "body", "paragraph", "is_published"]
    list_filter = ["body", "is_published"]
    search_fields = ["title", "paragraph"]
    date_hierarchy = "date"
    filter_horizontal = ["reforms"]
    inlines = [FigureInline]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["reform", "from_status", "to_status", "changed_at", "changed_by_name"]
    list_filter = ["to_status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
