"""Hostile workbooks through the web app and the background worker: each is refused with a clear message in the
user's language, nothing is stored, and the process that handled it is still alive to handle the next upload."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from parkcarbon.engine import InputError
from parkcarbon.engine.template import check_upload
from parkcarbon.inventory import imports
from parkcarbon.inventory.models import ImportStatus, PendingImport
from tests.hostile_workbooks import CORPUS, hostile
from tests.workbooks import filled_template

pytestmark = pytest.mark.django_db
OK_ROWS = [{"activity": "diesel", "amount": 2, "unit": "t"}]


def upload(client, inventory, data: bytes, **headers):
    f = io.BytesIO(data)
    f.name = "data.xlsx"
    return client.post(reverse("inventory:upload", args=[inventory.pk]), {"file": f}, follow=True, **headers)


@pytest.mark.parametrize("name", list(CORPUS))
def test_web_upload_refuses_with_the_reason(inventory, client_for, name):
    c = client_for("enterprise_reporter")
    with pytest.raises(InputError) as refused:
        check_upload(hostile(name))
    (problem,) = refused.value.problems
    page = upload(c, inventory, hostile(name)).content.decode()
    assert escape(problem.message) in page or escape(problem.message_zh) in page  # the user's language
    assert not PendingImport.objects.exists()
    upload(c, inventory, filled_template(OK_ROWS))  # the same process goes on serving uploads
    assert PendingImport.objects.get().status == ImportStatus.VALID


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "请删除数据以外的行和列"), ("en", "delete the rows and columns")])
def test_web_refusal_is_in_the_users_language(inventory, client_for, language, text):
    c = client_for("enterprise_reporter")
    c.post(reverse("set_language"), {"language": language})
    assert text in upload(c, inventory, hostile("far_cell")).content.decode()


@pytest.mark.parametrize("name", list(CORPUS))
def test_worker_refuses_a_hostile_file_that_reached_it_and_survives(inventory, world, name):
    """A file stored by another path (or before the guard existed) is refused by the validation task itself."""
    pending = PendingImport.objects.create(inventory=inventory, file=SimpleUploadedFile("x.xlsx", hostile(name)),
                                           file_name="x.xlsx", created_by=world.users["enterprise_reporter"])
    imports.validate_import.enqueue(pending.pk)
    pending.refresh_from_db()
    assert pending.status == ImportStatus.INVALID
    assert CORPUS[name][1] in pending.problems[0]["message"] and pending.problems[0]["message_zh"]
    good = PendingImport.objects.create(inventory=inventory, file=SimpleUploadedFile("ok.xlsx", filled_template(OK_ROWS)),
                                        file_name="ok.xlsx", created_by=world.users["enterprise_reporter"])
    imports.validate_import.enqueue(good.pk)
    good.refresh_from_db()
    assert good.status == ImportStatus.VALID
