"""The dashboard's figures, from a seeded history, against figures worked out by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import delete, select

from portal.catalogue import workflow
from portal.catalogue.content import snapshot
from portal.catalogue.models import Service
from portal.dashboard import figures as figures_module
from portal.dashboard.figures import Figures, compute, missing_services, month_ends, sector
from portal.dashboard.models import Adjustment, Programme, StatusChange, rebuild_live_periods
from portal.extensions import db
from portal.registry import get_registry
from portal.staff.models import User
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in

TODAY = date(2025, 6, 15)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)


def seed(app: Flask) -> None:
    """Programme: social security, maturity 3 or more, target 4, from 2025-01-01 to 2025-12-31.

    maternity benefit (A, the fund): planned 01-05, live 02-10.         -> counted
    voluntary affiliation (B, the fund): live 03-01, retired 05-20.     -> counted in March and April only
    life certificate (C, the fund): live 04-15, excluded by hand.       -> never counted
    unemployment benefit (D, the agency): in development, planned 05-01. -> late
    labour inspection report (E, the ministry, labour): live 02-01, included by hand -> counted
    """
    with app.app_context():
        slugs = {"A": "maternity-benefit", "B": "voluntary-affiliation", "C": "life-certificate",
                 "D": "unemployment-benefit", "E": "labour-inspection-report"}  # fmt: skip
        ids = {key: db.session.scalar(select(Service.id).where(Service.slug == slug)) for key, slug in slugs.items()}
        db.session.execute(delete(StatusChange))
        history = [("A", "planned", "2025-01-05"), ("A", "live", "2025-02-10"), ("B", "live", "2025-03-01"),
                   ("B", "retired", "2025-05-20"), ("C", "live", "2025-04-15"), ("D", "in_development", "2025-01-10"),
                   ("E", "live", "2025-02-01")]  # fmt: skip
        for key, status, day in history:
            db.session.add(StatusChange(service_id=ids[key], status=status, changed_at=at(day), source="import"))
        late = db.session.get(Service, ids["D"])
        assert late is not None
        late.planned_live_on = date(2025, 5, 1)
        programme = Programme(code="test", names={"ar": "برنامج", "fr": "Programme"}, target=4,
                              start=date(2025, 1, 1), deadline=date(2025, 12, 31), domains=["social_security"],
                              min_maturity=3)  # fmt: skip
        programme.adjustments = [
            Adjustment(service_id=ids["C"], include=False, reason="Counted by the fund's own plan"),
            Adjustment(service_id=ids["E"], include=True, reason="An e-service of the ministry"),
        ]
        db.session.add(programme)
        rebuild_live_periods()  # the history above was written directly, as an import would
        db.session.commit()


@pytest.fixture
def seeded(app: Flask) -> Flask:
    seed(app)
    return app


def figures(app: Flask) -> Figures:
    programme = db.session.scalar(select(Programme).where(Programme.code == "test"))
    assert programme is not None
    return compute(programme, list(get_registry().bodies), TODAY)


def test_progress_per_body_and_late_list(seeded: Flask) -> None:
    with seeded.app_context():
        result = figures(seeded)
        assert result.live == 2  # A and E; B was retired, C is excluded
        assert result.percent == 50.0
        assert sorted(service.slug for service in result.counted) == [
            "labour-inspection-report",
            "maternity-benefit",
        ]
        assert dict(result.breakdown["body"]) == {"demo": 1, "mintest": 1}
        assert dict(result.breakdown["domain"]) == {"social_security": 1, "labour": 1}
        assert [service.slug for service in result.late] == ["unemployment-benefit"]


def test_timeline_counts_a_service_only_while_it_was_live(seeded: Flask) -> None:
    with seeded.app_context():
        assert figures(seeded).timeline == [
            (date(2025, 1, 31), 0), (date(2025, 2, 28), 2), (date(2025, 3, 31), 3),
            (date(2025, 4, 30), 3), (date(2025, 5, 31), 2), (date(2025, 6, 15), 2),
        ]  # fmt: skip


def test_forecast(seeded: Flask) -> None:
    with seeded.app_context():
        forecast = figures(seeded).forecast
    # 2 live in 165 days (5.42 months of 30.4375 days): 0.37 a month; 2 more take 165 days more.
    assert forecast.pace == 0.37
    assert forecast.reached_on == date(2025, 11, 27)
    # 2 more in the 199 days (6.54 months) left: 0.31 a month.
    assert forecast.needed_pace == 0.31


def test_month_ends() -> None:
    assert month_ends(date(2024, 11, 20), date(2025, 2, 10)) == [
        date(2024, 11, 30), date(2024, 12, 31), date(2025, 1, 31), date(2025, 2, 10)]  # fmt: skip


def test_sector_figures_count_web_and_mobile_platforms_and_eservices(app: Flask) -> None:
    with app.app_context():
        rows = {row.body.code: (row.platforms, row.eservices) for row in sector(get_registry().bodies)}
    assert rows["demo"] == (2, 5)  # its web and mobile channels (not the counter); five services (one is retired)
    assert rows["mintest"] == (1, 2)


def test_drafts_and_unpublished_changes_never_reach_the_public_page(seeded: Flask) -> None:
    editor = create_user(seeded, "editor", "demo")
    with seeded.app_context():
        author = db.session.get(User, editor.id)
        maternity = db.session.scalar(select(Service).where(Service.slug == "maternity-benefit"))
        assert author is not None and maternity is not None
        changed = snapshot(maternity)
        changed["texts"]["fr"]["title"] = "Titre pas encore publié"
        workflow.save(maternity, changed, 0, author)
        draft = dict(changed, status="live", texts={locale: dict(text, title=f"Brouillon {locale}")
                                                    for locale, text in changed["texts"].items()})  # fmt: skip
        workflow.create(author.body, "service-en-brouillon", draft, author)
    page = seeded.test_client().get("/fr/transparency/?programme=test").get_data(as_text=True)
    assert "Demande de l&#39;indemnité de maternité en ligne" in page
    assert "Titre pas encore publié" not in page
    assert "Brouillon" not in page
    assert "2 e-services en service sur les 4 demandés" in page


def test_dashboard_exports_and_access(seeded: Flask) -> None:
    analyst = seeded.test_client()
    sign_in(analyst, create_user(seeded, "analyst", "mintest"))
    page = analyst.get("/ar/backoffice/dashboard?programme=test")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<svg class="chart"' in html and '<title id="timeline-t">' in html
    data = json.loads(analyst.get("/fr/backoffice/dashboard/figures.json?programme=test").get_data(as_text=True))
    assert data["progress"] == [
        {"programme": "test", "live": 2, "target": 4, "percent": 50.0, "deadline": "2025-12-31"}
    ]
    assert data["late"][0]["service"] == "unemployment-benefit"
    timeline_csv = analyst.get("/fr/backoffice/dashboard/timeline.csv?programme=test").get_data(as_text=True)
    assert timeline_csv.removeprefix("\ufeff").splitlines()[0] == "month_end,live"
    editor = seeded.test_client()
    sign_in(editor, create_user(seeded, "editor", "demo"))
    assert editor.get("/fr/backoffice/dashboard").status_code == 403


def test_the_same_figures_on_postgresql(make_app, postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    seed(app)
    with app.app_context():
        result = figures(app)
        assert (result.live, [value for _day, value in result.timeline]) == (2, [0, 2, 3, 3, 2, 2])
        assert [service.slug for service in result.late] == ["unemployment-benefit"]


def test_each_body_sees_its_contribution(seeded: Flask) -> None:
    editor = seeded.test_client()
    sign_in(editor, create_user(seeded, "editor", "demo"))
    page = editor.get("/fr/backoffice/").get_data(as_text=True).replace("&#39;", "'")
    assert "Contribution de votre organisme : e-services comptés, 1 ; en retard, 0." in page
    agency = seeded.test_client()
    sign_in(agency, create_user(seeded, "editor", "pilote"))
    page = agency.get("/fr/backoffice/").get_data(as_text=True).replace("&#39;", "'")
    assert "Contribution de votre organisme : e-services comptés, 0 ; en retard, 1." in page


def test_a_programme_whose_pace_misses_the_deadline_is_late_even_when_no_date_has_passed(seeded: Flask) -> None:
    with seeded.app_context():
        assert figures(seeded).behind is False  # 2 of 4; at this pace, 4 on 27 November, before the deadline
        programme = db.session.scalar(select(Programme).where(Programme.code == "test"))
        assert programme is not None
        programme.target = 40
        db.session.commit()
        result = figures(seeded)
        assert (result.missing, result.behind) == (38, True)


def test_the_dashboard_says_the_programme_is_late_and_names_the_missing_services(seeded: Flask) -> None:
    analyst = seeded.test_client()
    sign_in(analyst, create_user(seeded, "analyst", "mintest"))
    page = analyst.get("/fr/backoffice/dashboard?programme=test").get_data(as_text=True).replace("&#39;", "'")
    # Today the deadline (2025-12-31) has passed with 2 of 4 live: late, though no service is past its own date.
    assert "Le programme est en retard." in page
    assert "Il manque encore 2 e-services sur les 4 demandés." in page
    assert "Aucun service n'est en retard." not in page
    missing = page[page.index('id="missing-heading"') :]
    assert "Allocation chômage" in missing.split('id="missing-below_level"')[0]  # planned, named


def test_missing_services_are_planned_ones_and_live_ones_below_the_level(seeded: Flask) -> None:
    with seeded.app_context():
        programme = db.session.scalar(select(Programme).where(Programme.code == "test"))
        assert programme is not None
        missing = missing_services(programme, list(get_registry().bodies), TODAY)
        planned = [service.slug for service in missing.planned]
        assert "unemployment-benefit" in planned and "life-certificate" not in planned  # excluded by hand
        assert missing.below_level == []
        programme.target = 40
        db.session.commit()
        more = missing_services(programme, list(get_registry().bodies), TODAY)
        assert more.unnamed == 40 - 2 - len(more.planned)


def test_level_4_paid_elsewhere_counts_as_level_3(seeded: Flask) -> None:
    with seeded.app_context():
        maternity = db.session.scalar(select(Service).where(Service.slug == "maternity-benefit"))
        assert maternity is not None
        assert maternity.maturity == 4
        before = figures(seeded).breakdown["maturity"]
        maternity.payment = "elsewhere"
        db.session.commit()
        result = figures(seeded)
        assert result.breakdown["maturity"]["4"] == before["4"] - 1
        assert result.breakdown["maturity"]["3"] == before["3"] + 1
        assert result.live == 2  # level 3 is still the programme's level
        programme = db.session.scalar(select(Programme).where(Programme.code == "test"))
        assert programme is not None
        programme.min_maturity = 4  # a programme of fully online services: it no longer counts
        db.session.commit()
        assert "maternity-benefit" not in [service.slug for service in figures(seeded).counted]
        missing = missing_services(programme, list(get_registry().bodies), TODAY)
        assert "maternity-benefit" in [service.slug for service in missing.below_level]


def test_the_public_page_shows_progress_by_body_timeline_and_the_missing_services(seeded: Flask) -> None:
    page = seeded.test_client().get("/ar/transparency/?programme=test").get_data(as_text=True)
    assert '<svg class="chart" viewBox="0 0 400' in page and 'id="public-body-t"' in page
    assert 'id="public-timeline-t"' in page
    by_body = page[page.index('id="by-body-heading"') : page.index('id="timeline-heading"')]
    assert "<caption>الخدمات الإلكترونية في الخدمة لكل هيئة</caption>" in by_body
    planned = page[page.index('id="planned-heading"') :]
    assert 'class="missing-planned"' in planned
    assert "/ar/services/unemployment-benefit" in planned  # named, and linked to its page
    assert "عدد الخدمات الإلكترونية التي لا تزال ناقصة من أصل 4 مطلوبة: 2." in planned


def test_a_page_names_a_bounded_number_of_services_and_counts_the_others(
    seeded: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(figures_module, "LISTED", 1)  # at 100,000 services, every one was loaded to be named
    with seeded.app_context():
        programme = db.session.scalar(select(Programme).where(Programme.code == "test"))
        assert programme is not None
        everyone = missing_services(programme, list(get_registry().bodies), TODAY)
    assert len(everyone.planned) == 1 and everyone.more["planned"] >= 1
    page = seeded.test_client().get("/fr/transparency/?programme=test").get_data(as_text=True)
    live = page[page.index('id="live-heading"') : page.index('id="planned-heading"')]
    assert live.count('<li><a href="/fr/services/') == 1  # the live ones: one named...
    assert "Autres e-services en ligne, non listés ici : 1." in page  # ...the other counted
    assert f"Autres, non listés ici : {everyone.more['planned']}." in page


def test_the_dashboard_and_the_back_offices_home_count_from_the_day_it_is_in_algeria(make_app: AppFactory) -> None:
    """On 2025-04-01 (``TODAY``, as ``portal.clock.today`` reads it), the unemployment benefit planned for 05-01 is
    not late yet, whatever the machine's date."""
    app = make_app(TODAY="2025-04-01")
    seed(app)
    analyst = app.test_client()
    sign_in(analyst, create_user(app, "analyst", "mintest"))
    data = json.loads(analyst.get("/fr/backoffice/dashboard/figures.json?programme=test").get_data(as_text=True))
    assert data["late"] == []
    agency = app.test_client()
    sign_in(agency, create_user(app, "editor", "pilote"))
    page = agency.get("/fr/backoffice/").get_data(as_text=True).replace("&#39;", "'")
    assert "Contribution de votre organisme : e-services comptés, 0 ; en retard, 0." in page


def test_the_transparency_page_kept_in_the_cache_is_made_anew_when_the_day_changes(make_app: AppFactory) -> None:
    app = make_app(TODAY="2025-04-01")
    seed(app)
    visitor, path = app.test_client(), "/fr/transparency/?programme=test"
    first = [visitor.get(path).get_data(as_text=True) for _ in range(3)]  # then kept
    assert first[0] == first[2] and "Le programme est en retard." not in first[0]
    app.config["TODAY"] = "2026-06-01"  # past the deadline with 2 of the 4 e-services
    assert "Le programme est en retard." in visitor.get(path).get_data(as_text=True)


def test_a_client_revalidating_by_date_alone_gets_the_new_days_page(make_app: AppFactory) -> None:
    app = make_app(TODAY="2030-01-01")  # days after the content's last change, as they are in production
    seed(app)
    visitor, path = app.test_client(), "/fr/transparency/?programme=test"
    since = {"If-Modified-Since": str(visitor.get(path).headers["Last-Modified"])}  # no ETag sent
    assert visitor.get(path, headers=since).status_code == 304
    app.config["TODAY"] = "2030-01-02"
    assert visitor.get(path, headers=since).status_code == 200
