from django.contrib import admin

from folkvald.policy.models import (
    Consultation,
    Deliverable,
    Event,
    GroupMembership,
    Motion,
    MotionVersion,
    Programme,
    Question,
    ReminderSent,
    WorkingGroup,
)


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["person"]


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "is_published"]
    list_filter = ["is_published"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "programme", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "policy_area"]
    inlines = [MembershipInline, DeliverableInline]


class VersionInline(admin.StackedInline):
    model = MotionVersion
    extra = 0
    readonly_fields = ["number", "title", "body", "proposals", "edited_by", "note", "created"]
    can_delete = False


@admin.register(Motion)
class MotionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "group", "status", "decision", "decided_on", "sent_on"]
    list_filter = ["status", "decision"]
    inlines = [VersionInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "kind", "starts_at", "is_public"]
    list_filter = ["kind", "is_public"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "opens", "closes"]
    inlines = [QuestionInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "email", "days_before", "sent_at"]
