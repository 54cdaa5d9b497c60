import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convenor.delegations import services
from convenor.delegations.errors import ImportRejected
from convenor.delegations.models import Nomination
from convenor.directory.models import Person

pytestmark = pytest.mark.django_db

HEADER = "process,priority,name,email,organisation\n"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("names.csv", text.encode(), "text/csv")


def test_import_creates_names_in_priority_order(round_, asia, women, coordinator):
    created = services.nominations_import_csv(
        actor=coordinator,
        round=round_,
        upload=_csv(
            HEADER
            + "asia,2,Bo Chen,bo@example.org,MFA\n"
            + "asia,1,Ai Lin,ai@example.org,MFA\n"
            + "Women,1,Wu Na,wu@example.org,WIMN\n"
        ),
    )
    assert len(created) == 3
    names = list(asia.nominations.order_by("priority").values_list("person__name", flat=True))
    assert names == ["Ai Lin", "Bo Chen"]


def test_import_with_problems_reports_each_line_and_imports_nothing(
    round_, asia, women, coordinator
):
    text = (
        HEADER
        + "asia,1,Ai Lin,ai@example.org,MFA\n"
        + "nowhere,1,No One,no@example.org,X\n"
        + "asia,2,Bo Chen,not-an-email,MFA\n"
        + "asia,3,Ai Lin,ai@example.org,MFA\n"
        + "women,x,Wu Na,wu@example.org,WIMN\n"
    )
    with pytest.raises(ImportRejected) as error:
        services.nominations_import_csv(actor=coordinator, round=round_, upload=_csv(text))
    lines = error.value.lines
    assert any(line.startswith("line 3:") and "unknown process" in line for line in lines)
    assert any(line.startswith("line 4:") and "e-mail" in line for line in lines)
    assert any(line.startswith("line 5:") and "duplicate of line 2" in line for line in lines)
    assert any(line.startswith("line 6:") and "priority" in line for line in lines)
    assert Nomination.objects.count() == 0
    assert Person.objects.count() == 0


def test_import_with_missing_columns_is_refused(round_, asia, coordinator):
    with pytest.raises(ImportRejected) as error:
        services.nominations_import_csv(
            actor=coordinator, round=round_, upload=_csv("process,name\nasia,Ai\n")
        )
    assert "missing columns" in error.value.lines[0]
    assert "priority" in error.value.lines[0]


def test_nominator_import_for_another_process_is_refused_line_by_line(
    round_, asia, women, nominator
):
    text = HEADER + "asia,1,Ai Lin,ai@example.org,MFA\nwomen,1,Wu Na,wu@example.org,WIMN\n"
    with pytest.raises(ImportRejected) as error:
        services.nominations_import_csv(actor=nominator, round=round_, upload=_csv(text))
    assert [line.split(":")[0] for line in error.value.lines] == ["line 3"]
    assert Nomination.objects.count() == 0


def test_import_beyond_max_names_is_refused(round_, asia, coordinator):
    rows = "".join(f"asia,{i},P{i},p{i}@example.org,MFA\n" for i in range(1, 6))
    with pytest.raises(ImportRejected) as error:
        services.nominations_import_csv(actor=coordinator, round=round_, upload=_csv(HEADER + rows))
    assert any("at most 4" in line for line in error.value.lines)
