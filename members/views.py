"""The members listing's former open-data addresses, and the admin's import of local entities."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from members.forms import ImportConfirmForm, ImportUploadForm
from members.importer import import_members
from members.importer.report import member_count_line, membership_note, summary_line
from members.models import MembersIndexPage

IMPORT_PERMISSION = "members.import_member"
# Shown changes are capped so that a 10,000-line file still gives a page a browser can handle.
PREVIEW_LIMIT = 500
UPLOAD_FOLDER = "members-imports"
SESSION_KEY = "members_import"
# The files' addresses before `?format=`, and the format each one is now.
FORMER_EXPORTS = {"csv": "csv", "json": "json", "schema.json": "schema"}


@require_safe
def redirect_former_export(request, page_path, extension):
    """`…/export.csv`, `…/export.json` and `…/export.schema.json` under the members page:
    a permanent redirect to the page with `?format=`, keeping the filters."""
    route = Page.route_for_request(request, page_path)
    if route is None or not isinstance(route[0], MembersIndexPage):
        raise Http404("no members page here")
    query = request.GET.copy()
    query["format"] = FORMER_EXPORTS[extension]
    page_address = request.path.removesuffix(f"export.{extension}")
    return HttpResponsePermanentRedirect(f"{page_address}?{query.urlencode()}")


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Step one: the upload, which is checked but not applied; step two: the confirmation.

    The file waits between the steps in the default storage (shared by every server) under a
    random name that only this user's session knows.
    """

    template_name = "members/admin/import.html"
    form_class = ImportUploadForm
    page_title = gettext_lazy("Import local entities")
    header_icon = "upload"
    index_url_name = None
    breadcrumbs_items = []

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Local entities")},
            {"url": "", "label": self.get_page_title()},
        ]

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(ImportConfirmForm(request.POST))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = import_members(
            data, upload.name, format=form.cleaned_data["format"] or None, dry_run=True
        )
        confirm_form = None
        if result.changed and not result.rejections:
            confirm_form = ImportConfirmForm(
                initial={
                    "token": self.keep_upload(data, upload.name, form.cleaned_data["format"]),
                    "fingerprint": result.fingerprint,
                }
            )
        return self.render_to_response(
            self.get_context_data(form=form, result=result, confirm_form=confirm_form),
            status=400 if result.rejections else 200,
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def confirm(self, confirm_form):
        kept = self.request.session.get(SESSION_KEY)
        if (
            not confirm_form.is_valid()
            or not kept
            or kept["token"] != confirm_form.cleaned_data["token"]
        ):
            messages.error(self.request, _("This import has expired: upload the file again."))
            return redirect(self.request.path)
        try:
            with default_storage.open(kept["path"], "rb") as stored:
                data = stored.read()
        except OSError:
            messages.error(self.request, _("This import has expired: upload the file again."))
            return redirect(self.request.path)
        result = import_members(
            data,
            kept["name"],
            format=kept["format"] or None,
            expected_fingerprint=confirm_form.cleaned_data["fingerprint"],
        )
        if not result.applied:
            if result.stale:
                messages.warning(
                    self.request,
                    _(
                        "The registry changed since the file was checked. Review the changes "
                        "again before you confirm them."
                    ),
                )
            confirm_form = ImportConfirmForm(
                initial={"token": kept["token"], "fingerprint": result.fingerprint}
            )
            return self.render_to_response(
                self.get_context_data(
                    form=ImportUploadForm(),
                    result=result,
                    confirm_form=None if result.rejections else confirm_form,
                )
            )
        self.forget_upload()
        messages.success(
            self.request, _("Import done. %(summary)s") % {"summary": summary_line(result)}
        )
        return redirect(self.index_url_name)

    def keep_upload(self, data, name, file_format):
        self.forget_upload()
        token = secrets.token_hex(16)
        path = default_storage.save(f"{UPLOAD_FOLDER}/{token}", ContentFile(data))
        self.request.session[SESSION_KEY] = {
            "token": token,
            "path": path,
            "name": name,
            "format": file_format,
        }
        return token

    def forget_upload(self):
        kept = self.request.session.pop(SESSION_KEY, None)
        if kept:
            default_storage.delete(kept["path"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = kwargs.get("result")
        if result is not None:
            context["counts"] = result.counts
            context["membership_note"] = membership_note(result)
            context["member_count_line"] = member_count_line(result)
            context["shown_changes"] = result.changed[:PREVIEW_LIMIT]
            context["hidden_changes"] = max(0, len(result.changed) - PREVIEW_LIMIT)
        return context
