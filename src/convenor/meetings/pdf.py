"""Printable PDFs: the programme, badges, table lists and place cards (fpdf2)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class _Doc:
    """An A4 document with a Unicode font when the system has DejaVu (else Helvetica, with
    characters outside Latin-1 replaced)."""

    def __init__(self, *, orientation: str = "P") -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation=orientation, format="A4")
        self.pdf.set_margins(15, 15, 15)
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.family, self.unicode = "Helvetica", False
        for folder in FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.pdf.add_font("DejaVu", "", str(regular))
                self.pdf.add_font("DejaVu", "B", str(bold))
                self.family, self.unicode = "DejaVu", True
                break

    def text(self, value: Any) -> str:
        text = str(value or "")
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def line(
        self, value: Any, *, size: float = 10, bold: bool = False, height: float = 5.5
    ) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def programme_pdf(meeting: Any, days: Iterable[dict[str, Any]]) -> bytes:
    doc = _Doc()
    doc.pdf.add_page()
    doc.line(meeting.event.title, size=15, bold=True, height=8)
    doc.line(_("Programme"), size=12, bold=True)
    for entry in days:
        day = entry["day"]
        doc.pdf.ln(3)
        doc.line(f"{day.date:%d.%m.%Y} {day.title}", size=12, bold=True)
        for s in entry["sessions"]:
            head = f"{s.start_time:%H:%M}-{s.end_time:%H:%M}  {s.title}"
            doc.line(head, bold=True)
            details = [s.get_kind_display()]
            if s.room:
                details.append(s.room)
            if s.chatham_house:
                details.append(_("Chatham House rule"))
            themes = [f"{t.code}" for t in s.themes.all()]
            if themes:
                details.append(_("Themes: %(t)s") % {"t": ", ".join(themes)})
            doc.line(" · ".join(details), size=9)
            people = [p.name for p in s.facilitators.all()]
            if people:
                doc.line(_("Facilitators: %(p)s") % {"p": ", ".join(people)}, size=9)
            people = [p.name for p in s.rapporteurs.all()]
            if people:
                doc.line(_("Rapporteurs: %(p)s") % {"p": ", ".join(people)}, size=9)
    return doc.output()


def badges_pdf(meeting: Any, registrations: Iterable[Any]) -> bytes:
    """Two columns of four badges per A4 page (90 x 65 mm)."""
    doc = _Doc()
    pdf = doc.pdf
    pdf.set_auto_page_break(auto=False)
    width, height = 90.0, 65.0
    for index, r in enumerate(registrations):
        slot = index % 8
        if slot == 0:
            pdf.add_page()
        x = 15 + (slot % 2) * width
        y = 15 + (slot // 2) * height
        pdf.rect(x, y, width, height)
        pdf.set_xy(x + 4, y + 6)
        pdf.set_font(doc.family, "", 8)
        pdf.multi_cell(width - 8, 4, doc.text(meeting.event.title))
        pdf.set_xy(x + 4, y + 24)
        pdf.set_font(doc.family, "B", 16)
        pdf.multi_cell(width - 8, 8, doc.text(r.name))
        pdf.set_xy(x + 4, y + 44)
        pdf.set_font(doc.family, "", 10)
        pdf.multi_cell(width - 8, 5, doc.text(r.organisation_name))
        pdf.set_xy(x + 4, y + 56)
        pdf.set_font(doc.family, "", 8)
        pdf.cell(width - 8, 4, doc.text(r.get_kind_display()))
    if pdf.page == 0:
        pdf.add_page()
    return doc.output()


def table_lists_pdf(meeting: Any, rounds: dict[int, list[Any]]) -> bytes:
    doc = _Doc()
    for number, tables in rounds.items():
        for table, people in tables:
            doc.pdf.add_page()
            doc.line(meeting.event.title, size=9)
            doc.line(_("Round %(n)d · Table %(t)s") % {"n": number, "t": table}, size=14, bold=True)
            for person in people:
                doc.line(f"{person.name} — {person.organisation_name}")
    if doc.pdf.page == 0:
        doc.pdf.add_page()
        doc.line(_("No plan yet."))
    return doc.output()


def place_cards_pdf(meeting: Any, rounds: dict[int, list[Any]]) -> bytes:
    """One folded card per person and round (landscape A4 halves)."""
    doc = _Doc(orientation="L")
    pdf = doc.pdf
    pdf.set_auto_page_break(auto=False)
    for number, tables in rounds.items():
        for table, people in tables:
            for person in people:
                pdf.add_page()
                pdf.set_xy(15, 120)
                pdf.set_font(doc.family, "B", 36)
                pdf.multi_cell(0, 16, doc.text(person.name), align="C")
                pdf.set_font(doc.family, "", 16)
                pdf.multi_cell(0, 9, doc.text(person.organisation_name), align="C")
                pdf.set_xy(15, 185)
                pdf.set_font(doc.family, "", 10)
                pdf.cell(
                    0,
                    6,
                    doc.text(_("Round %(n)d · Table %(t)s") % {"n": number, "t": table.number}),
                    align="C",
                )
    if pdf.page == 0:
        pdf.add_page()
    return doc.output()
