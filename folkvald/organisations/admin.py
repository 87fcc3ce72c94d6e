from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from folkvald.organisations import services
from folkvald.organisations.models import (
    County,
    Municipality,
    MunicipalityElectionFigures,
    Organisation,
    Party,
    PartyAbbreviation,
    Person,
    Role,
)


class PartyAbbreviationInline(admin.TabularInline):
    model = PartyAbbreviation
    extra = 0


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name", "colour", "municipality"]
    search_fields = ["abbreviation", "name"]
    inlines = [PartyAbbreviationInline]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class FiguresInline(admin.TabularInline):
    model = MunicipalityElectionFigures
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "population"]
    search_fields = ["code", "name"]
    list_filter = ["county"]
    inlines = [FiguresInline]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "party", "municipality", "parent", "is_public"]
    list_filter = ["kind", "party", "is_public"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "municipality"]
    inlines = [RoleInline]


@admin.action(description=_("Radera personuppgifter (GDPR art. 17)"))
def erase_people(modeladmin, request, queryset):
    for person in queryset:
        services.person_erase(person=person)
    messages.success(request, _("Personuppgifterna är raderade."))


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user", "erased"]
    search_fields = ["first_name", "last_name", "email"]
    actions = [erase_people]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["person", "kind", "organisation", "start", "end", "is_public_contact"]
    list_filter = ["kind"]
    autocomplete_fields = ["person", "organisation"]
