"""Links that each app offers on an organisation's pages, registered by the apps themselves.

An app calls :func:`register_section` in its ``AppConfig.ready`` so the
organisation pages link to it without the organisations app knowing the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch


@dataclass(frozen=True)
class Section:
    title: str
    url: str


SectionFactory = Callable[[object, bool], list[Section]]
_factories: list[SectionFactory] = []


def register_section(factory: SectionFactory) -> None:
    if factory not in _factories:
        _factories.append(factory)


def organisation_sections(organisation: object, *, internal: bool) -> list[Section]:
    sections: list[Section] = []
    for factory in _factories:
        try:
            sections.extend(factory(organisation, internal))
        except NoReverseMatch:
            continue
    return sections
