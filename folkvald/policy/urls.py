from django.urls import path

from folkvald.policy import views

app_name = "policy"

urlpatterns = [
    path("organisationer/<int:organisation_id>/", views.overview, name="overview"),
    path("organisationer/<int:organisation_id>/frister/", views.deadlines, name="deadlines"),
    path("organisationer/<int:organisation_id>/frister.ics", views.deadlines_ics, name="deadlines_ics"),
    path("organisationer/<int:organisation_id>/evenemang/", views.events, name="events"),
    path("organisationer/<int:organisation_id>/evenemang.ics", views.events_ics, name="events_ics"),
    path("organisationer/<int:organisation_id>/motioner/", views.motions, name="motions"),
    path("organisationer/<int:organisation_id>/motioner/ny/", views.motion_new, name="motion_new"),
    path("organisationer/<int:organisation_id>/radslag/", views.consultations, name="consultations"),
    path("organisationer/<int:organisation_id>/program/nytt/", views.programme_new, name="programme_new"),
    path("organisationer/<int:organisation_id>/grupper/ny/", views.group_new, name="group_new"),
    path("organisationer/<int:organisation_id>/evenemang/nytt/", views.event_new, name="event_new"),
    path("organisationer/<int:organisation_id>/radslag/nytt/", views.consultation_new, name="consultation_new"),
    path("grupper/<int:group_id>/", views.group_detail, name="group"),
    path("grupper/<int:group_id>/redigera/", views.group_edit, name="group_edit"),
    path("grupper/<int:group_id>/evenemang.ics", views.group_events_ics, name="group_ics"),
    path("grupper/<int:group_id>/medlemmar/ny/", views.membership_add, name="membership_add"),
    path(
        "grupper/<int:group_id>/medlemmar/<int:membership_id>/avsluta/", views.membership_end, name="membership_end"
    ),
    path("grupper/<int:group_id>/leveranser/ny/", views.deliverable_add, name="deliverable_add"),
    path(
        "grupper/<int:group_id>/leveranser/<int:deliverable_id>/status/",
        views.deliverable_status,
        name="deliverable_status",
    ),
    path("motioner/<int:motion_id>/", views.motion_detail, name="motion"),
    path("motioner/<int:motion_id>/redigera/", views.motion_edit, name="motion_edit"),
    path("motioner/<int:motion_id>/medunderteckna/", views.motion_cosign, name="motion_cosign"),
    path("motioner/<int:motion_id>/lamna-in/", views.motion_submit, name="motion_submit"),
    path("motioner/<int:motion_id>/beslut/", views.motion_decide, name="motion_decide"),
    path("motioner/<int:motion_id>/skicka/", views.motion_send, name="motion_send"),
    path("motioner/<int:motion_id>/publicera/", views.motion_publish, name="motion_publish"),
    path("motioner/<int:motion_id>/utskrift/", views.motion_print, name="motion_print"),
    path("evenemang/<int:event_id>/", views.event_detail, name="event"),
    path("evenemang/<int:event_id>/redigera/", views.event_edit, name="event_edit"),
    path("radslag/<int:consultation_id>/", views.consultation_answer, name="consultation"),
    path("radslag/<int:consultation_id>/sammanstallning/", views.consultation_summary, name="consultation_summary"),
    path("mina-uppgifter.json", views.my_policy_data, name="my_data"),
]
