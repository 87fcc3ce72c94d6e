"""Campaigns in the Django admin. Reports are read-only here: they change only through the services,
which keep the tallies; a campaign's tallies can be recounted from its reports."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from folkvald.campaigns import services
from folkvald.campaigns.models import Campaign, Report, Target, Team


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["organisation", "team", "person", "computed", "weight", "adopted"]
    raw_id_fields = ["organisation", "team", "person"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "start", "end", "national_target", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name"]
    raw_id_fields = ["organisation"]
    inlines = [TargetInline]
    actions = ["apportion", "rebuild_tallies"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            Target.objects.get_or_create(campaign=obj, organisation=obj.organisation, team=None, person=None,
                                         defaults={"computed": obj.national_target})

    @admin.action(description=_("Fördela målet på arbetarekommunerna"))
    def apportion(self, request, queryset):
        for campaign in queryset:
            services.targets_apportion(campaign=campaign)
        messages.success(request, _("Målen är fördelade."))

    @admin.action(description=_("Räkna om summorna från rapporterna"))
    def rebuild_tallies(self, request, queryset):
        for campaign in queryset:
            services.tallies_rebuild(campaign=campaign)
        messages.success(request, _("Summorna är omräknade."))


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "campaign"]
    raw_id_fields = ["organisation", "campaign"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["date", "place", "activity", "conversations", "organisation", "campaign", "source"]
    list_filter = ["activity", "source", "campaign"]
    date_hierarchy = "date"
    list_select_related = ["organisation", "campaign"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # through services.report_delete, which keeps the tallies
