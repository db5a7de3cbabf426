"""Evidence documents: attach, open, withdraw and purge, held to the same roles as every other write.

Mixed into `Monitoring` (use_cases.py). The order of every attach is: check every file (nothing is
written if one is refused), store the bytes in their own transaction (monitoring.evidence.store),
then save the events that attach them, so the event table is never locked while bytes are written.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from domain.action import Action
from domain.errors import Conflict, DomainError, NotFound, PermissionDenied
from domain.evidence import DEFAULT_LIMIT_BYTES, KINDS, Attachment, Kind, classify, clean_name, default_title
from domain.statuses import WITHDRAWN
from domain.text import NAME, checked
from monitoring.evidence.store import FileStore, sha256_of

ATTACHED_TOPIC = "domain.action:Action.EvidenceAttached"
PAGE = 1_000


@dataclass(frozen=True)
class Upload:
    """A file as a person gave it: the name they chose, its bytes, and a title (default: from the name)."""

    name: str
    data: bytes
    title: str = ""


@dataclass(frozen=True)
class Checked:
    """A file that passed every check: cleaned name, kind from its content, title, hash."""

    filename: str
    kind: Kind
    title: str
    sha256: str
    data: bytes


@dataclass
class Pending:
    """Files to attach in the same save as the next change to one action (documents_with_next_save)."""

    action_id: object
    files: list[Checked]
    actor: str
    on: date | None
    numbers: list[int] = field(default_factory=list)
    done: bool = False


# Per thread and task (the dashboard serves many at once), never on the shared application object.
_PENDING: ContextVar[Pending | None] = ContextVar("evidence_pending", default=None)


@dataclass(frozen=True)
class Opened:
    """A document a reader may have: what the record says of it, and its plain bytes."""

    action: Action
    attachment: Attachment
    kind: Kind
    content: bytes


class EvidenceUseCases:
    """Use cases of evidence documents; `files`, `evidence_limit` and `document_holders` are set by the composition root."""

    files: FileStore | None = None
    evidence_limit: int = DEFAULT_LIMIT_BYTES
    document_holders: Callable[[str], list[dict]] | None = None  # the read API's (projections.queries): where a file is attached

    # --- attach ---------------------------------------------------------------------------------

    def check_uploads(self, uploads: list[Upload]) -> list[Checked]:
        """Every file checked before any is stored: one bad file, nothing written."""
        result = []
        for upload in uploads:
            name = clean_name(upload.name)
            kind = classify(name, upload.data, self.evidence_limit)
            title = checked("title", (upload.title or "").strip() or default_title(name), NAME, required=True).strip()
            result.append(Checked(name, kind, title, sha256_of(upload.data), upload.data))
        return result

    def store_uploads(self, files: list[Checked]) -> None:
        """The bytes, each in its own transaction, before any event refers to them. Bytes purged before are refused
        first, naming the file, so a refusal stores none of the others."""
        store = self._file_store()
        for file in files:
            try:
                earlier = store.get(file.sha256)
            except NotFound:
                continue
            if earlier.purged_on is not None:
                raise DomainError(file.filename, f"its bytes (sha256 {file.sha256}) were purged on {earlier.purged_on.isoformat()}; "
                                                 "they cannot be attached again")
        for file in files:
            store.put(file.data, file.kind.name)

    def attach_documents(
        self, ref: str, uploads: list[Upload], *, actor: str, on: date | None = None, expected_version: int | None = None
    ) -> tuple[Action, list[int]]:
        """Attach files to an action: its agency's lead (or an admin), or the sub-group chair."""
        action = self.action(ref)
        permission = self._attach_permission(actor, action)
        if action.status == WITHDRAWN:
            raise DomainError("attach", f"{action.reference} is withdrawn and takes no documents; reopen it first")
        action.check_effective(self._on(on), self.clock())  # a bad date refused before any bytes are stored
        files = self.check_uploads(uploads)
        if not files:
            raise DomainError("attach", "give at least one file")
        self.store_uploads(files)
        action = self._attachable(ref, actor, permission, expected_version)
        on, today = self._on(on), self.clock()
        numbers = [
            action.attach_evidence(
                sha256=f.sha256, size=len(f.data), kind=f.kind.name, title=f.title, filename=f.filename,
                actor=actor, on=on, today=today,
            )
            for f in files
        ]
        self._save(action)
        return action, numbers

    @contextmanager
    def documents_with_next_save(self, ref: str, uploads: list[Upload], *, actor: str, on: date | None = None) -> Iterator[Pending]:
        """Attach these files in the same transaction as the change made inside the block (a progress report,
        a completion, a sign-off or refusal: `action progress ... --attach FILE`). The files are checked and the
        attacher's permission asked first; the bytes are stored just before that save, in their own transaction."""
        action = self.action(ref)
        self._attach_permission(actor, action)
        pending = Pending(action.id, self.check_uploads(uploads), actor, on)
        token = _PENDING.set(pending if pending.files else None)
        try:
            yield pending
        finally:
            _PENDING.reset(token)
        if pending.files and not pending.done:
            raise DomainError("attach", f"nothing was saved to {action.reference}, so its documents were not attached")

    def save(self, *aggregates, **kwargs):
        self._attach_pending(aggregates)
        return super().save(*aggregates, **kwargs)

    def _save(self, *aggregates):
        self._attach_pending(aggregates)
        return super()._save(*aggregates)

    def _attach_pending(self, aggregates) -> None:
        pending = _PENDING.get()
        if pending is None or pending.done:
            return
        action = next((a for a in aggregates if isinstance(a, Action) and a.id == pending.action_id), None)
        if action is None:
            return
        self.store_uploads(pending.files)  # bytes first, in their own transaction; then the events, in this save
        on, today = self._on(pending.on), self.clock()
        pending.numbers = [
            action.attach_evidence(sha256=f.sha256, size=len(f.data), kind=f.kind.name, title=f.title, filename=f.filename,
                                   actor=pending.actor, on=on, today=today)
            for f in pending.files
        ]
        pending.done = True

    def _attachable(self, ref: str, actor: str, permission: str, expected_version: int | None) -> Action:
        """The action afresh (the bytes took time), still allowed, and unchanged since the page showed it."""
        action = self.action(ref)
        self.policy.check(actor, permission, board=action.board, agency=action.agency)
        if expected_version is not None and action.version != expected_version:
            raise Conflict()
        return action

    def _attach_permission(self, actor: str, action: Action) -> str:
        """Agency leads attach to their actions; a chair may attach to a sign-off or refusal."""
        try:
            self.policy.check(actor, "update", board=action.board, agency=action.agency)
            return "update"
        except PermissionDenied:
            pass
        try:
            self.policy.check(actor, "assure", board=action.board, agency=action.agency)
            return "assure"
        except PermissionDenied:
            self.policy.check(actor, "attach", board=action.board, agency=action.agency)  # says who may attach
            raise

    # --- withdraw and purge ---------------------------------------------------------------------

    def withdraw_document(self, ref: str, number: int, reason: str, *, actor: str, on: date | None = None) -> Action:
        action = self.action(ref)
        self._attach_permission(actor, action)
        action.withdraw_evidence(number=number, reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def purge_file(self, sha: str, reason: str, *, actor: str, on: date | None = None) -> list[Action]:
        """Destroy a file's bytes for legal reasons (an admin of every board holding it); the record keeps the hash."""
        sha = (sha or "").strip().lower()
        holders = [self.action(str(action_id)) for action_id in sorted({a for a, _ in self.holders(sha)}, key=str)]
        if not holders:
            raise NotFound("sha256", f"no action holds a document with sha256 {sha!r}")
        for action in holders:
            self.policy.check(actor, "purge", board=action.board)
        on, today = self._on(on), self.clock()
        changed = [a for a in holders if any(d.sha256 == sha and d.purged_reason is None for d in a.documents.values())]
        for action in changed:
            action.record_purge(sha256=sha, reason=reason, actor=actor, on=on, today=today)
        if changed:
            self._save(*changed)  # the purge is recorded before the bytes go
        self._file_store().purge(sha, reason, on)
        return holders

    # --- open -----------------------------------------------------------------------------------

    def open_document(self, ref: str, number: int, *, actor: str) -> Opened:
        """The document if this person may read the action (withdrawn ones: admins only)."""
        action = self.action(ref)
        self.policy.check(actor, "read", board=action.board, agency=action.agency)
        attachment = action.document(number)
        if attachment.withdrawn_reason is not None:
            try:
                self.policy.check(actor, "manage", board=action.board)
            except PermissionDenied:
                raise PermissionDenied(
                    "number", f"document {number} of {action.reference} was withdrawn ({attachment.withdrawn_reason}); only an admin may open it"
                ) from None
        if attachment.purged_reason is not None:
            raise DomainError("number", f"document {number} of {action.reference} was purged: {attachment.purged_reason}")
        try:
            stored = self._file_store().get(attachment.sha256)
        except NotFound:  # the record says it was attached; its bytes are gone (deleted outside the application)
            raise DomainError(
                "number", f"document {number} of {action.reference} is missing from the store; run `scr-monitor verify`"
            ) from None
        if stored.content is None:
            raise DomainError("number", f"document {number} of {action.reference} was purged: {stored.purged_reason}")
        if sha256_of(stored.content) != attachment.sha256:
            raise DomainError("number", f"document {number} of {action.reference} has changed since it was attached; run `scr-monitor verify`")
        return Opened(action, attachment, KINDS[attachment.kind], stored.content)

    def open_file(self, sha: str, *, actor: str) -> Opened:
        """The file by its hash, through the first attachment of it this person may read. The read models say where it
        is attached (by key, not every attaching event); each is opened through its aggregate, which checks the reader
        and the hash, so a stale or tampered read model never serves the wrong bytes."""
        sha = (sha or "").strip().lower()
        if self.document_holders is None:  # an application built without read models
            candidates = self.holders(sha)
        else:
            candidates = [(found["action_id"], found["number"]) for found in self.document_holders(sha)]
        refused: DomainError | None = None
        for action_id, number in candidates:
            try:
                opened = self.open_document(str(action_id), number, actor=actor)
            except (PermissionDenied, DomainError) as error:
                refused = refused or error
                continue
            if opened.attachment.sha256 == sha:  # the record says so, whatever the read model said
                return opened
        if isinstance(refused, PermissionDenied):
            raise refused
        raise refused or NotFound("sha256", f"no document {sha!r}")

    def holders(self, sha: str) -> list[tuple[object, int]]:
        """(action id, number) of every attachment of these bytes, from the record itself."""
        found, start = [], None
        while True:
            page = self.recorder.select_notifications(start=start, limit=PAGE, topics=[ATTACHED_TOPIC], inclusive_of_start=start is None)
            for notification in page:
                event = self.mapper.to_domain_event(notification)
                if event.sha256 == sha:
                    found.append((event.originator_id, event.number))
            if len(page) < PAGE:
                return found
            start = page[-1].id

    def attached_hashes(self) -> dict[str, bool]:
        """Every hash the record attaches, and whether the record says its bytes were purged."""
        hashes: dict[str, bool] = {}
        for topic, purged in ((ATTACHED_TOPIC, False), ("domain.action:Action.EvidencePurged", True)):
            start = None
            while True:
                page = self.recorder.select_notifications(start=start, limit=PAGE, topics=[topic], inclusive_of_start=start is None)
                for notification in page:
                    sha = self.mapper.to_domain_event(notification).sha256
                    hashes[sha] = hashes.get(sha, False) or purged
                if len(page) < PAGE:
                    break
                start = page[-1].id
        return hashes

    def _file_store(self) -> FileStore:
        if self.files is None:
            raise DomainError("evidence", "no file store is configured for this application")
        return self.files
