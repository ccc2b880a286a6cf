"""What a sync tells the provider: report signals from reading, mapping, the plan and RIO's answers.

Pure: every function turns results into :class:`~edudex_rio.report.Signal`\\ s. Texts live in
:mod:`edudex_rio.report.texts`; parameters ending in ``_nl``/``_en`` give a value per language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from edudex_rio.edudex.reader import ReadResult
from edudex_rio.mapping import AangebodenOpleiding, Problem, RioStand
from edudex_rio.planning import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
)
from edudex_rio.planning.reasons import kind_label
from edudex_rio.report import Level, Signal, Subject
from edudex_rio.rio import foutcodes
from edudex_rio.sync.execute import Outcome, object_of, rio_operation

__all__ = [
    "dry_run_signals",
    "outcome_signals",
    "problem_signals",
    "read_signals",
    "summary_signal",
    "unconfirmed_signals",
]


def _program_id(programma: str | None) -> str | None:
    return None if programma is None else programma.split("/", 1)[-1]


def read_signals(failed: Iterable[ReadResult]) -> list[Signal]:
    """Programmes that could not be read or are invalid (the validator's text with its path)."""
    out = []
    for result in failed:
        errors = result.errors or result.issues
        nl = "; ".join(f"{i.path}: {i.message_nl}" if i.path else i.message_nl for i in errors)
        en = "; ".join(f"{i.path}: {i.message_en}" if i.path else i.message_en for i in errors)
        name = result.key.program_id if result.key else result.origin
        out.append(
            Signal(
                level=Level.FOUT,
                subject=Subject.OPLEIDING,
                code="programme.invalid",
                program_id=result.key.program_id if result.key else None,
                rio_code=errors[0].code if errors else None,
                params={"name": name, "problem_nl": nl, "problem_en": en},
            )
        )
    return out


def problem_signals(problems: Iterable[Problem]) -> list[Signal]:
    """What the mapping left out, and why."""
    out = []
    for p in problems:
        not_placed = p.code == "A01010"
        code = (
            "location.not_found"
            if not_placed
            else "run.left_out"
            if p.left_out == "run"
            else "programme.left_out"
        )
        out.append(
            Signal(
                level=Level.FOUT,
                subject=Subject.STARTMOMENT if p.left_out == "run" else Subject.OPLEIDING,
                code=code,
                program_id=_program_id(p.programma),
                run_id=p.run_id,
                rio_code=p.code,
                params={"text_nl": p.nl, "text_en": p.en, "location": _where(p.nl)},
            )
        )
    return out


def _where(text: str) -> str:
    start = text.find("'")
    end = text.find("'", start + 1)
    return text[start + 1 : end] if 0 <= start < end else "?"


def _label(ao: AangebodenOpleiding) -> str:
    """Where an offering is taught, as a provider names it (with the MBO learning path)."""
    return f"{ao.location_label} ({ao.leertraject})" if ao.leertraject else ao.location_label


def _move_params(old: AangebodenOpleiding, new: AangebodenOpleiding) -> dict[str, str]:
    """Where a start moment moved from and to; names the programme type when only that changed."""
    if _label(old) != _label(new):
        return {"old": _label(old), "new": _label(new)}
    return {
        f"{side}_{language}": f"{_label(ao)} ({kind_label(ao.kind, language)})"
        for side, ao in (("old", old), ("new", new))
        for language in ("nl", "en")
    }


def _name(stand: RioStand, programma: str | None) -> str:
    for oe in stand.opleidingseenheden.values():
        if oe.programma == programma:
            return oe.naam
    for ao in stand.aangeboden.values():
        if ao.programma == programma and ao.perioden and ao.perioden[-1].eigen_naam:
            return ao.perioden[-1].eigen_naam
    return _program_id(programma) or "?"


def _object_words(op: Operation, stand: RioStand) -> tuple[str, str]:
    kind, key, programma = object_of(op)
    name = _name(stand, programma)
    if kind == "onderwijslocatie":
        return f"onderwijslocatie {key}", f"teaching location {key}"
    if kind == "opleidingseenheid":
        return f"opleiding '{name}'", f"programme '{name}'"
    where = ""
    if isinstance(op, UpsertAangebodenOpleiding):
        where = _label(op.aangeboden)
    return f"aanbod van '{name}' {where}".strip(), f"offering of '{name}' {where}".strip()


def _cohort_signals(
    desired: AangebodenOpleiding,
    last: AangebodenOpleiding | None,
    moved_from: Mapping[str, Mapping[str, str]],
    moved_to: Mapping[str, str],
    today: dt.date,
) -> list[Signal]:
    out = []
    before = {c.cohortcode: c for c in last.cohorten} if last else {}
    after = {c.cohortcode: c for c in desired.cohorten}
    base = {
        "program_id": _program_id(desired.programma),
        "aangeboden_opleiding_code": desired.code,
        "location": _label(desired),
    }
    for code, c in sorted(after.items()):
        if code in before:
            continue
        if code in moved_from:
            out.append(
                Signal(
                    level=Level.INFO,
                    subject=Subject.STARTMOMENT,
                    code="run.moved",
                    run_id=c.run_id,
                    params=dict(moved_from[code]),
                    **base,
                )
            )
        else:
            out.append(
                Signal(
                    level=Level.INFO,
                    subject=Subject.STARTMOMENT,
                    code="run.added",
                    run_id=c.run_id,
                    params={"date": c.instroommoment.isoformat()},
                    **base,
                )
            )
    for code, c in sorted(before.items()):
        if code in after or code in moved_to:
            continue
        why_nl, why_en = (
            ("vervallen of niet meer in EDU-DEX", "cancelled or no longer in EDU-DEX")
            if not c.started(today)
            else ("op verzoek verwijderd", "deleted on request")
        )
        out.append(
            Signal(
                level=Level.INFO,
                subject=Subject.STARTMOMENT,
                code="run.removed",
                run_id=c.run_id,
                params={"date": c.instroommoment.isoformat(), "why_nl": why_nl, "why_en": why_en},
                **base,
            )
        )
    return out


def outcome_signals(
    outcomes: Iterable[Outcome], before: RioStand, after: RioStand, today: dt.date
) -> list[Signal]:
    """One signal per write (what was done, or what went wrong), and per changed start moment."""
    items = list(outcomes)
    at_before = {c: ao for ao in before.aangeboden.values() for c in ao.cohortcodes}
    at_after = {c: ao for ao in after.aangeboden.values() for c in ao.cohortcodes}
    moved = {c for c in at_after if c in at_before and at_before[c].code != at_after[c].code}
    moved_from = {c: _move_params(at_before[c], at_after[c]) for c in moved}
    out: list[Signal] = []
    for o in items:
        op = o.op
        if isinstance(op, UpsertAangebodenOpleiding | UpsertOpleidingseenheid | RegisterLocation):
            pass
        elif not isinstance(op, DeleteAangebodenOpleiding | DeleteOpleidingseenheid):
            if o.status == "unconfirmed":
                out.append(_unconfirmed(", ".join(o.missing)))
            continue
        if o.status != "accepted":
            if not (
                isinstance(op, RegisterLocation)
                and any(f.code == "A01010" for f in o.foutmeldingen)
            ):  # an address RIO cannot place: the mapping reports each run left out
                out.append(_failure(o, after))
            continue
        out += _done(o, before, after, moved_from, {c: "" for c in moved}, today)
    return out


def _done(
    o: Outcome,
    before: RioStand,
    after: RioStand,
    moved_from: Mapping[str, Mapping[str, str]],
    moved_to: Mapping[str, str],
    today: dt.date,
) -> list[Signal]:
    op = o.op
    reason = {"what_nl": op.reason.nl, "what_en": op.reason.en}
    match op:
        case RegisterLocation(locatie=loc):
            a = loc.adres
            where = f"{loc.label} ({a.postcode} {a.huisnummer}{a.toevoeging or ''})"
            return [
                Signal(
                    level=Level.INFO,
                    subject=Subject.LOCATIE,
                    code="location.registered",
                    location=where,
                    params={"code": o.code, "location": where},
                )
            ]
        case UpsertOpleidingseenheid(opleidingseenheid=oe):
            last = before.opleidingseenheden.get(oe.eigen_sleutel)
            code = (
                "programme.created"
                if last is None
                else "programme.closed"
                if oe.einddatum is not None and last.einddatum is None
                else "programme.updated"
            )
            return [
                Signal(
                    level=Level.INFO,
                    subject=Subject.OPLEIDING,
                    code=code,
                    program_id=_program_id(oe.programma),
                    params={"name": oe.naam, "code": o.code, **reason},
                )
            ]
        case UpsertAangebodenOpleiding(aangeboden=ao):
            last_ao = before.aangeboden.get(ao.code)
            name = _name(after, ao.programma)
            if last_ao is None:
                code = "offering.created"
            elif ao.einddatum is not None and (
                last_ao.einddatum is None or ao.einddatum < last_ao.einddatum
            ):
                code = "offering.closed"
            else:
                code = "offering.updated"
            params = {
                "name": name,
                "location": _label(ao),
                "date": ao.einddatum.isoformat() if ao.einddatum else "",
                **reason,
            }
            head = Signal(
                level=Level.INFO,
                subject=Subject.OPLEIDING,
                code=code,
                program_id=_program_id(ao.programma),
                aangeboden_opleiding_code=ao.code,
                location=_label(ao),
                params=params,
            )
            moved_to = {
                c: ""
                for c in (last_ao.cohortcodes if last_ao else frozenset())
                if c in moved_from or _moved_away(c, ao, after)
            }
            return [head, *_cohort_signals(ao, last_ao, moved_from, moved_to, today)]
        case DeleteAangebodenOpleiding(code=code, programma=programma):
            return [
                Signal(
                    level=Level.INFO,
                    subject=Subject.OPLEIDING,
                    code="offering.deleted",
                    program_id=_program_id(programma),
                    aangeboden_opleiding_code=code,
                    params={"code": code},
                )
            ]
        case DeleteOpleidingseenheid(code=code, programma=programma):
            return [
                Signal(
                    level=Level.INFO,
                    subject=Subject.OPLEIDING,
                    code="programme.deleted",
                    program_id=_program_id(programma),
                    params={"code": code},
                )
            ]
    return []


def _moved_away(code: str, ao: AangebodenOpleiding, after: RioStand) -> bool:
    return any(
        other.code != ao.code and code in other.cohortcodes for other in after.aangeboden.values()
    )


def _failure(o: Outcome, stand: RioStand) -> Signal:
    nl, en = _object_words(o.op, stand)
    kind, key, programma = object_of(o.op)
    first = o.foutmeldingen[0] if o.foutmeldingen else None
    rio_code = first.code if first else None
    texts_nl = "; ".join(f"{f.code}: {f.tekst}".strip() for f in o.foutmeldingen) or (
        o.error or "onbekende fout"
    )
    texts_en = "; ".join(
        f"{f.code}: {foutcodes.describe(f.code).text('en')}" for f in o.foutmeldingen
    ) or (o.error or "unknown error")
    code = {
        "rejected": "rio.rejected",
        "still_rejected": "rio.still_rejected",
        "skipped": "rio.skipped",
    }.get(o.status, "rio.failed")
    return Signal(
        level=Level.FOUT if o.status != "skipped" else Level.WAARSCHUWING,
        subject=Subject.LOCATIE if kind == "onderwijslocatie" else Subject.OPLEIDING,
        code=code,
        program_id=_program_id(programma),
        aangeboden_opleiding_code=key if kind == "aangeboden_opleiding" else None,
        rio_code=rio_code,
        params={"object_nl": nl, "object_en": en, "text_nl": texts_nl, "text_en": texts_en},
    )


def _unconfirmed(what: str) -> Signal:
    return Signal(
        level=Level.WAARSCHUWING,
        subject=Subject.OPLEIDER,
        code="rio.unconfirmed",
        params={"object": what},
    )


def unconfirmed_signals(missing: Iterable[str]) -> list[Signal]:
    keys = sorted(missing)
    return [_unconfirmed(", ".join(keys))] if keys else []


def dry_run_signals(ops: Iterable[Operation], stand: RioStand) -> list[Signal]:
    """What a dry run would send, with the reason of each write."""
    out = []
    for op in ops:
        if isinstance(op, Await):
            continue
        object_nl, object_en = _object_words(op, stand)
        out.append(
            Signal(
                level=Level.INFO,
                subject=Subject.OPLEIDING,
                code="dry_run.operation",
                program_id=_program_id(object_of(op)[2]),
                params={
                    "operation": rio_operation(op),
                    "object_nl": object_nl,
                    "object_en": object_en,
                    "reason_nl": op.reason.nl,
                    "reason_en": op.reason.en,
                },
            )
        )
    return out


def summary_signal(*, programmes: int, writes: int, errors: int) -> Signal:
    if writes == 0 and errors == 0:
        return Signal(level=Level.INFO, subject=Subject.OPLEIDER, code="provider.unchanged")
    return Signal(
        level=Level.INFO,
        subject=Subject.OPLEIDER,
        code="provider.summary",
        params={"programmes": programmes, "writes": writes, "errors": errors},
    )
