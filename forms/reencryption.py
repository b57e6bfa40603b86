"""Rewrite every stored encrypted value in the current format under the newest key.

Shared by `manage.py rotate_encryption_keys` and the migration that introduced the timestamp-free
format, so both reach the same columns. Works on raw column values (no model code), which is what a
migration needs and what lets it skip values that are already current.
"""

from django.db import connection as default_connection

from forms.crypto import is_current, reencrypt_bytes, reencrypt_text

BATCH = 100


def encrypted_columns(get_model) -> list[tuple[object, str, bool]]:
    """(model, column, is_binary) of every encrypted value, for `apps.get_model` or a migration's."""
    from forms.crypto import EncryptedTextField

    columns = []
    for name in ("IntegrityReport", "Message", "InternalNote", "Attachment"):
        model = get_model("forms", name)
        columns += [
            (model, field.column, False)
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
    # Attachment contents are encrypted bytes (forms.crypto.encrypt_bytes).
    columns.append((get_model("forms", "Attachment"), "data", True))
    try:  # the dated protocol events (forms.case_events); absent in the states of older migrations
        event = get_model("forms", "CaseEvent")
    except LookupError:
        return columns
    columns += [(event, "note", False), (event, "document_name", False), (event, "document_data", True)]
    return columns


def reencrypt_column(model, column: str, binary: bool, connection=default_connection) -> int:
    """Re-encrypt one column in batches; returns how many values were rewritten."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    rewritten, last = 0, None
    with connection.cursor() as cursor:
        while True:
            where = f"WHERE {pk} > %s" if last is not None else ""
            cursor.execute(
                f"SELECT {pk}, {quote(column)} FROM {table} {where} ORDER BY {pk} LIMIT {BATCH}{lock}",  # noqa: S608 (names from the models)
                [last] if last is not None else [],
            )
            rows = cursor.fetchall()
            if not rows:
                return rewritten
            last = rows[-1][0]
            for row_pk, value in rows:
                if not value or is_current(bytes(value) if binary else value):
                    continue
                new = reencrypt_bytes(bytes(value)) if binary else reencrypt_text(value)
                cursor.execute(f"UPDATE {table} SET {quote(column)} = %s WHERE {pk} = %s", [new, row_pk])  # noqa: S608 - names from model metadata; values are parameters
                rewritten += 1


def reencrypt_all(get_model, connection=default_connection) -> int:
    return sum(
        reencrypt_column(model, column, binary, connection)
        for model, column, binary in encrypted_columns(get_model)
    )
