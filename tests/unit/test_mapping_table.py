"""The mapping table: defaults inside RIO's code lists, overrides, unmapped values."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from edudex_rio.mapping.table import (
    TABLES,
    InvalidMapping,
    UnmappedValue,
    codelist,
    default_table,
)


def test_every_table_is_known_and_its_values_are_in_rio_code_lists() -> None:
    table = default_table()
    assert set(table.tables) == set(TABLES)


def test_defaults_cover_every_edudex_enum_value(shared_dir: object) -> None:
    from pathlib import Path

    assert isinstance(shared_dir, Path)
    schema = json.loads((shared_dir / "edudex-schemas/edudex-program.schema.json").read_text())
    defs = schema["$defs"]
    table = default_table()
    for name, enum in [
        ("degree", "ProgramDegree"),
        ("theme", "ProgramTheme"),
        ("programForm", "ProgramProgramForm"),
        ("instructionMode", "ProgramInstructionMode"),
        ("costType", "ProgramCostType"),
        ("nlqfLevel", "ProgramNlqfRegistration_nlqfLevel"),
        ("learningPath", "ProgramCreboRegistration_learningPath"),
    ]:
        for value in defs[enum]["enum"]:
            table.lookup(name, value)  # raises when a value is missing


@pytest.mark.parametrize(
    ("table", "value", "expected"),
    [
        ("degree", "certificate", "CERTIFICAAT"),
        ("degree", "diploma", "DIPLOMA"),
        ("degree", "testimonial", "GETUIGSCHRIFT"),
        ("degree", "none", "GEEN_OFFICIEEL_DOCUMENT"),
        ("degree", "MSc", "DIPLOMA"),
        ("degree", "", None),
        ("theme", "automation and it", "TECHNIEK_EN_ICT"),
        ("theme", "law", "RECHT"),
        ("theme", "tourism, recreation and hospitality", "TOERISME_HORECA_EN_RECREATIE"),
        ("programForm", "e-learning", "ONLINE"),
        ("programForm", "distance learning", "ZELFSTUDIE"),
        ("programForm", "part-time", "KLASSIKAAL"),
        ("instructionMode", "lecture", "LEZING"),
        ("instructionMode", "coaching", "COACHING"),
        ("instructionMode", "blended learning", "KLASSIKAAL_EN_ONLINE"),
        ("instructionMode", "thesis", None),
        ("language", "nl", "NLD"),
        ("language", "en", "ENG"),
        ("language", "zh", "CHI"),
        ("durationUnit", "months", "M"),
        ("durationUnit", "hours", "U"),
        ("costType", "tuition fee", "STAP"),
        ("costType", "lunch", "NIET_STAP"),
        ("nlqfLevel", "4+", "4p"),
        ("eqfLevel", "4", "4"),
        ("runStatus", "application opened", "O"),
        ("runStatus", "application closed", "G"),
    ],
)
def test_default_mappings(table: str, value: str, expected: str | None) -> None:
    assert default_table().lookup(table, value) == expected


def test_unmapped_value_names_the_value_and_where_to_map_it() -> None:
    with pytest.raises(UnmappedValue) as caught:
        default_table().lookup("language", "fy")
    error = caught.value
    assert "'fy'" in error.nl
    assert "mapping.language" in error.nl
    assert "programCurriculum.instructionLanguage.languageCode" in error.en


def test_provider_override_wins_and_defaults_stay() -> None:
    table = default_table().with_overrides(
        {"language": {"fy": "NLD"}, "theme": {"coaching": "ONDERWIJS"}}
    )
    assert table.lookup("language", "fy") == "NLD"
    assert table.lookup("theme", "coaching") == "ONDERWIJS"
    assert table.lookup("theme", "law") == "RECHT"
    assert default_table().lookup("theme", "coaching") == "GEDRAG_EN_MAATSCHAPPIJ"


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"theme": {"law": "RECHTEN"}}, id="value-outside-codelist"),
        pytest.param({"colour": {"red": "ROOD"}}, id="unknown-table"),
        pytest.param(
            {"theme": {"x": "LANDBOUW_VOEDSEL_EN_NATUURLIJKE_OMGEVING"}}, id="surf-long-code"
        ),
    ],
)
def test_invalid_overrides_are_refused(overrides: dict[str, dict[str, str]]) -> None:
    with pytest.raises(InvalidMapping):
        default_table().with_overrides(overrides)


def test_bundled_codelists_match_the_lod_reference(shared_dir: object) -> None:
    from pathlib import Path

    assert isinstance(shared_dir, Path)
    lod = json.loads((shared_dir / "reference-data/rio-codelists.lod-v2.13.0.json").read_text())
    for name in ("NfoOpleidingscategorie", "Taalcode", "AangebodenOpleidingOpleidingsvorm"):
        assert codelist(name) == tuple(lod["codelists"][name]["values"])
    bundled = resources.files("edudex_rio.mapping").joinpath("data/rio-codelists.json")
    assert bundled.is_file()
    assert all(len(v) <= 30 for v in codelist("NfoOpleidingscategorie"))
