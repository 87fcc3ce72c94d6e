from django.contrib import admin

from folkvald.councils.models import Committee, Council, CouncilSeat, Scenario, ScenarioList


class CouncilSeatInline(admin.TabularInline):
    model = CouncilSeat
    extra = 0


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["municipality", "period_start", "seats_total", "governing_name", "election"]
    list_filter = ["period_start"]
    search_fields = ["municipality__name"]
    raw_id_fields = ["election"]
    inlines = [CouncilSeatInline, CommitteeInline]


class ScenarioListInline(admin.TabularInline):
    model = ScenarioList
    extra = 0


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "organisation"]
    inlines = [ScenarioListInline]
