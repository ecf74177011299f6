"""Reading delivery-status notifications (RFC 3464) that come back for Kedja's e-mails.

A DSN is a `multipart/report; report-type=delivery-status` message: a human-readable part, a
`message/delivery-status` part (one block of per-message fields, then one block per recipient) and
the returned message or its headers (`message/rfc822` or `text/rfc822-headers`), which carry the
Message-ID Kedja gave the e-mail. Only recipients whose Action is "failed" are bounces; "delayed"
and "delivered" reports are not. Pure parsing: no database here.
"""

import email
import email.policy
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path


@dataclass(frozen=True)
class Bounce:
    message_id: str
    recipient: str
    status: str
    diagnostic: str


def bounces_in(message: Message) -> list[Bounce]:
    """The failed recipients a DSN reports (empty for any other message)."""
    if message.get_content_type() != "multipart/report":
        return []
    if (message.get_param("report-type") or "").lower() != "delivery-status":
        return []
    parts = list(message.walk())
    message_id = _original_message_id(parts)
    bounces = []
    for part in parts:
        if part.get_content_type() == "message/delivery-status":
            for fields in _recipient_blocks(part):
                if fields.get("Action", "").strip().lower() == "failed":
                    bounces.append(
                        Bounce(
                            message_id=message_id,
                            recipient=_address(
                                fields.get("Final-Recipient") or fields.get("Original-Recipient")
                            ),
                            status=_plain(fields.get("Status")),
                            diagnostic=_address(fields.get("Diagnostic-Code")),
                        )
                    )
    return bounces


def _recipient_blocks(part: Message) -> list[Message]:
    # The first block holds the per-message fields (Reporting-MTA …); the rest, one per recipient.
    blocks = part.get_payload()
    return [b for b in blocks[1:] if isinstance(b, Message)] if isinstance(blocks, list) else []


def _original_message_id(parts: list[Message]) -> str:
    for part in parts:
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            original = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(original, Message) and original.get("Message-ID"):
                return _plain(original.get("Message-ID"))
        elif kind == "text/rfc822-headers":
            headers = email.message_from_string(part.get_payload(decode=True).decode("utf-8", "replace"))
            if headers.get("Message-ID"):
                return _plain(headers.get("Message-ID"))
    return ""


def _plain(value) -> str:
    return " ".join(str(value or "").split())


def _address(value) -> str:
    """ "rfc822; someone@example.se" → "someone@example.se"; "smtp; 550 5.1.1 …" → "550 5.1.1 …"."""
    text = _plain(value)
    kind, separator, rest = text.partition(";")
    return rest.strip() if separator and " " not in kind.strip() else text


def read_messages(source: str, stdin) -> Iterator[Message]:
    """Every message in a Maildir (a directory), an mbox file or, for "-", one raw message on stdin."""
    if source == "-":
        yield email.message_from_binary_file(stdin, policy=email.policy.compat32)
        return
    path = Path(source)
    if path.is_dir():
        box: mailbox.Mailbox = mailbox.Maildir(path, create=False)
    elif path.is_file():
        box = mailbox.mbox(path, create=False)
    else:
        raise FileNotFoundError(source)
    yield from box
