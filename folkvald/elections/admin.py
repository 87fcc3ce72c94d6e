from django.contrib import admin

from folkvald.elections.models import Bloc, Election, PartyResult


class PartyResultInline(admin.TabularInline):
    model = PartyResult
    extra = 0
    fields = ["abbreviation", "party", "votes", "seats", "official_seats"]
    readonly_fields = fields
    can_delete = False


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "municipality", "is_official", "is_published", "seats_match_official"]
    list_filter = ["body", "year", "is_official", "is_published", "seats_match_official"]
    search_fields = ["municipality__name", "municipality__code", "label"]
    readonly_fields = ["source_digest", "source_name", "explanation", "ties", "created", "updated"]
    inlines = [PartyResultInline]


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "period"]
    list_filter = ["period"]
    search_fields = ["name", "municipality__name"]
    filter_horizontal = ["parties"]
    autocomplete_fields = ["municipality"]
