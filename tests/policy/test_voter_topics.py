"""What voters raised: a group sees the campaign topics that match its keywords, counted for its own
organisation (with the associations beneath it) and never another branch's."""

import datetime as dt

from django.urls import reverse

from folkvald.campaigns import services as campaigns
from folkvald.campaigns.models import Activity
from folkvald.policy import selectors


def _campaign(world):
    campaign = campaigns.campaign_create(
        organisation=world.national, name="Samtal 2024", start=dt.date(2024, 3, 1), end=dt.date(2024, 8, 31),
        national_target=1000,
    )
    for organisation, conversations, topics in [
        (world.association, 10, ["skola", "jobb"]),
        (world.branch, 5, ["Skola"]),
        (world.branch, 4, ["vård"]),
        (world.other_branch, 7, ["skola"]),  # another branch: never counted for Lund's groups
    ]:
        campaigns.report_create(
            campaign=campaign, organisation=organisation, reporter=None, date=dt.date(2024, 4, 1),
            place="Torget", activity=Activity.DOOR_KNOCKING, conversations=conversations, topics=topics,
        )
    return campaign


def test_group_sees_counts_of_matching_topics(world, policy):
    _campaign(world)
    topics = selectors.group_voter_topics(group=policy.group)  # keywords "skola, unga"
    assert [(t.campaign, t.topic, t.reports, t.conversations) for t in topics] == [("Samtal 2024", "skola", 2, 15)]
    policy.group.topic_keywords = "Jobb, vård"
    policy.group.save(update_fields=["topic_keywords"])
    topics = selectors.group_voter_topics(group=policy.group)
    assert [(t.topic, t.reports, t.conversations) for t in topics] == [("jobb", 1, 10), ("vård", 1, 4)]
    policy.group.topic_keywords = ""
    assert selectors.group_voter_topics(group=policy.group) == []


def test_topics_on_the_internal_group_page_only(client, world, policy):
    _campaign(world)
    url = reverse("policy:group", args=[policy.group.pk])
    assert "Vad väljarna tog upp" not in client.get(url).content.decode()
    client.force_login(world.member)
    content = client.get(url).content.decode()
    assert '<td>skola</td><td class="num">2</td><td class="num">15</td>' in content
