"""Which services of the catalogue are hosted here, with the form their plugin declares, and open to applications."""

from __future__ import annotations

from portal.catalogue.models import Service
from portal.registry import get_registry
from portal.registry.hosted_form import HostedForm

OPEN_STATUSES = ("live", "pilot")


def form_of(service: Service) -> HostedForm | None:
    """The hosted form a plugin declares for this service, if the service is hosted and its body enabled."""
    body = get_registry().bodies.get(service.body.code)
    declared = next((item for item in body.services if item.slug == service.slug), None) if body else None
    return declared.form if declared is not None and service.hosted else None


def takes_applications(service: Service) -> bool:
    """A hosted service with a form, open (live or in pilot): its page offers to apply online."""
    return service.status in OPEN_STATUSES and form_of(service) is not None
