"""The services a member of staff may see and edit: their body's, or every body's for a ministry admin.

Body scope is applied in the query itself, so another body's service is simply not found.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from portal.catalogue.models import Service
from portal.extensions import db
from portal.staff.access import within_body
from portal.staff.models import User


def scoped_services(user: User) -> Select[Any]:
    """The services this user may see: their body's, or every body's for a ministry admin."""
    return within_body(user, select(Service), Service.body_id)


def service_for(user: User, service_id: int) -> Service:
    """One service, only if it is in the user's scope: another body's service is simply not found."""
    found: Service = db.first_or_404(scoped_services(user).where(Service.id == service_id))
    return found
