"""Meetings keyed without the place and without ISO weeks: every stored report gets the
new report key (participants | its date | phone or -), reports of the same participants
whose days follow each other become one meeting (``liqaa.meeting_key``), and the merged
meetings are recomputed from all their reports. No report is dropped: an article's two
records that now share a key are combined into one report.

Schema: ``meetings.group_key`` (the key without its date, indexed), ``meeting_reports.key``
(the record's own key); a report is unique per article and report key (an article may
report one meeting on two neighbouring days).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(JSONB(), "postgresql")

# The tables as this revision leaves them (not the models: they follow later revisions).
meetings = sa.table(
    "meetings", sa.column("id", Id), sa.column("key", sa.Text), sa.column("group_key", sa.Text),
    sa.column("kind", sa.String), sa.column("status", sa.String), sa.column("date", sa.Date),
    sa.column("date_basis", sa.String), sa.column("place_name", sa.Text), sa.column("place_country", sa.String),
    sa.column("participants", Json), sa.column("topics", Json), sa.column("n_reports", sa.Integer),
    sa.column("first_reported", sa.Date), sa.column("last_reported", sa.Date), sa.column("people", sa.Text))
reports = sa.table("meeting_reports", sa.column("id", Id), sa.column("article_id", Id), sa.column("meeting_id", Id),
                   sa.column("key", sa.Text), sa.column("record", Json))
articles = sa.table("articles", sa.column("id", Id), sa.column("date", sa.Date), sa.column("url", sa.Text),
                    sa.column("content_hash", sa.String))
MERGED_COLUMNS = {c.name for c in meetings.columns} - {"id", "key", "group_key"}


def new_report_key(old_key: str, record: dict) -> str:
    """The report key of a record stored under the 0001 key (``ids|ISO week|place country``):
    the same participants, the record's own date, phone for calls. A key of another form
    is kept."""
    from liqaa.meeting_key import report_key

    parts = old_key.rsplit("|", 2)
    if len(parts) != 3 or not parts[0]:
        return old_key
    return report_key(parts[0].split("+"), record.get("date"), record.get("kind") == "call")


def upgrade() -> None:
    # meetings is altered in place, never rebuilt: on SQLite a rebuild drops the old table,
    # and the drop would cascade to every report (so group_key stays nullable in the schema).
    op.add_column("meetings", sa.Column("group_key", sa.Text(), nullable=True))
    op.create_index("ix_meetings_group_key", "meetings", ["group_key"])
    with op.batch_alter_table("meeting_reports") as batch:
        batch.add_column(sa.Column("key", sa.Text(), nullable=True))
        batch.drop_constraint("uq_meeting_reports_article_id_meeting_id", type_="unique")
    regroup(op.get_bind())
    with op.batch_alter_table("meeting_reports") as batch:
        batch.alter_column("key", existing_type=sa.Text(), nullable=False)
        batch.create_unique_constraint("uq_meeting_reports_article_id_key", ["article_id", "key"])


def regroup(conn) -> None:
    from liqaa.meeting_key import group_of, meeting_keys
    from liqaa.store.write import combine_records, merge_reports

    old_keys = dict(conn.execute(sa.select(meetings.c.id, meetings.c.key)).all())
    # Each report under its new key; an article's records that now share one are one report.
    kept: dict[tuple[int, str], tuple[int, dict, int]] = {}     # (article, key) -> (report id, record, meeting)
    dropped: list[int] = []
    rows = conn.execute(sa.select(reports.c.id, reports.c.article_id, reports.c.meeting_id, reports.c.record)
                        .order_by(reports.c.id)).all()
    for report_id, article_id, meeting_id, record in rows:
        key = new_report_key(old_keys[meeting_id], record)
        record = {**record, "key": key}
        known = kept.get((article_id, key))
        if known is None:
            kept[article_id, key] = (report_id, record, meeting_id)
        else:
            kept[article_id, key] = (known[0], combine_records(known[1], record), known[2])
            dropped.append(report_id)
    target = meeting_keys(key for _, key in kept)

    # Each new meeting reuses the oldest meeting row among its reports' (free keys first:
    # a new key may be an old one's).
    conn.execute(meetings.update().values(key="0002:" + sa.cast(meetings.c.id, sa.Text)))
    candidates: dict[str, set[int]] = {}
    for (_, key), (_, _, meeting_id) in kept.items():
        candidates.setdefault(target[key], set()).add(meeting_id)
    meeting_of: dict[str, int] = {}
    for key in sorted(candidates):
        free = sorted(candidates[key] - set(meeting_of.values()))
        if free:
            meeting_of[key] = free[0]
            conn.execute(meetings.update().where(meetings.c.id == free[0]).values(key=key, group_key=group_of(key)))
        else:
            meeting_of[key] = conn.execute(meetings.insert().returning(meetings.c.id).values(
                key=key, group_key=group_of(key), participants=[], topics=[], n_reports=0, people="")).scalar_one()
    for report_id in dropped:
        conn.execute(reports.delete().where(reports.c.id == report_id))
    for (_, key), (report_id, record, _) in kept.items():
        conn.execute(reports.update().where(reports.c.id == report_id)
                     .values(key=key, record=record, meeting_id=meeting_of[target[key]]))
    conn.execute(meetings.delete().where(meetings.c.id.not_in(list(meeting_of.values()) or [-1])))

    info = {i: {"date": d, "url": u, "hash": h} for i, d, u, h in conn.execute(
        sa.select(articles.c.id, articles.c.date, articles.c.url, articles.c.content_hash))}
    items: dict[int, list[tuple[dict, dict]]] = {}
    for (article_id, key), (_, record, _) in kept.items():
        items.setdefault(meeting_of[target[key]], []).append((record, info[article_id]))
    for meeting_id, merged in sorted(items.items()):
        values = {k: v for k, v in merge_reports(merged).items() if k in MERGED_COLUMNS}
        conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(**values))


def downgrade() -> None:
    raise RuntimeError("revision 0002 re-keyed and merged the archive's meetings; it cannot be undone "
                       "(restore a copy of the archive taken before the upgrade)")
