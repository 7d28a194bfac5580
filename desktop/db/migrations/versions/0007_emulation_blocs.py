"""Emulation blocs and clusters: members, criteria tree, unit targets, scores with their
attachments, score sheets with history, and the bloc's vote.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 22:09:37.022697
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blocs',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('organiser_unit_id', sa.Integer(), nullable=True),
    sa.Column('head_unit_id', sa.Integer(), nullable=True),
    sa.Column('deputy_unit_id', sa.Integer(), nullable=True),
    sa.Column('pledge_date', sa.Date(), nullable=True),
    sa.Column('pledge_note', sa.Text(), nullable=False),
    sa.Column('total_points', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.Column('flag_count', sa.Integer(), nullable=False),
    sa.Column('merit_count', sa.Integer(), nullable=False),
    sa.Column('tie_rules', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['deputy_unit_id'], ['units.id'], name=op.f('fk_blocs_deputy_unit_id_units')),
    sa.ForeignKeyConstraint(['head_unit_id'], ['units.id'], name=op.f('fk_blocs_head_unit_id_units')),
    sa.ForeignKeyConstraint(['organiser_unit_id'], ['units.id'], name=op.f('fk_blocs_organiser_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blocs')),
    sa.UniqueConstraint('uuid', name=op.f('uq_blocs_uuid'))
    )
    with op.batch_alter_table('blocs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blocs_year'), ['year'], unique=False)

    op.create_table('bloc_criteria',
    sa.Column('bloc_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('max_points', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('cap', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('formula', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('tiers', sa.JSON(), nullable=False),
    sa.Column('indicator', sa.String(length=500), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('evidence_required', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bloc_id'], ['blocs.id'], name=op.f('fk_bloc_criteria_bloc_id_blocs')),
    sa.ForeignKeyConstraint(['parent_id'], ['bloc_criteria.id'], name=op.f('fk_bloc_criteria_parent_id_bloc_criteria')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_criteria')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_criteria_uuid'))
    )
    with op.batch_alter_table('bloc_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_criteria_bloc_id'), ['bloc_id'], unique=False)

    op.create_table('bloc_members',
    sa.Column('bloc_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('women_share', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bloc_id'], ['blocs.id'], name=op.f('fk_bloc_members_bloc_id_blocs')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bloc_members_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_members')),
    sa.UniqueConstraint('bloc_id', 'unit_id', name='uq_bloc_member'),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_members_uuid'))
    )
    with op.batch_alter_table('bloc_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_members_bloc_id'), ['bloc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bloc_members_unit_id'), ['unit_id'], unique=False)

    op.create_table('bloc_score_sheets',
    sa.Column('bloc_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bloc_id'], ['blocs.id'], name=op.f('fk_bloc_score_sheets_bloc_id_blocs')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bloc_score_sheets_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_score_sheets')),
    sa.UniqueConstraint('bloc_id', 'unit_id', name='uq_bloc_sheet'),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_score_sheets_uuid'))
    )
    op.create_table('bloc_votes',
    sa.Column('bloc_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('yes_votes', sa.Integer(), nullable=False),
    sa.Column('members_present', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bloc_id'], ['blocs.id'], name=op.f('fk_bloc_votes_bloc_id_blocs')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bloc_votes_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_votes')),
    sa.UniqueConstraint('bloc_id', 'unit_id', name='uq_bloc_vote'),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_votes_uuid'))
    )
    op.create_table('bloc_scores',
    sa.Column('bloc_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('self_score', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('reviewed_score', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('evidence_note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['bloc_id'], ['blocs.id'], name=op.f('fk_bloc_scores_bloc_id_blocs')),
    sa.ForeignKeyConstraint(['criterion_id'], ['bloc_criteria.id'], name=op.f('fk_bloc_scores_criterion_id_bloc_criteria')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bloc_scores_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_scores')),
    sa.UniqueConstraint('criterion_id', 'unit_id', name='uq_bloc_score_cell'),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_scores_uuid'))
    )
    with op.batch_alter_table('bloc_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_scores_bloc_id'), ['bloc_id'], unique=False)

    op.create_table('bloc_sheet_events',
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=150), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['sheet_id'], ['bloc_score_sheets.id'], name=op.f('fk_bloc_sheet_events_sheet_id_bloc_score_sheets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_sheet_events')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_sheet_events_uuid'))
    )
    with op.batch_alter_table('bloc_sheet_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_sheet_events_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('unit_targets',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=500), nullable=False),
    sa.Column('measure_unit', sa.String(length=50), nullable=False),
    sa.Column('planned_value', sa.Float(), nullable=True),
    sa.Column('actual_value', sa.Float(), nullable=True),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('movement_target_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['movement_target_id'], ['movement_targets.id'], name=op.f('fk_unit_targets_movement_target_id_movement_targets')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_targets_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_targets')),
    sa.UniqueConstraint('uuid', name=op.f('uq_unit_targets_uuid'))
    )
    with op.batch_alter_table('unit_targets', schema=None) as batch_op:
        batch_op.create_index('ix_unit_targets_year_unit', ['year', 'unit_id'], unique=False)

    op.create_table('bloc_score_attachments',
    sa.Column('score_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['score_id'], ['bloc_scores.id'], name=op.f('fk_bloc_score_attachments_score_id_bloc_scores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bloc_score_attachments')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bloc_score_attachments_uuid'))
    )
    with op.batch_alter_table('bloc_score_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bloc_score_attachments_score_id'), ['score_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bloc_score_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_score_attachments_score_id'))

    op.drop_table('bloc_score_attachments')
    with op.batch_alter_table('unit_targets', schema=None) as batch_op:
        batch_op.drop_index('ix_unit_targets_year_unit')

    op.drop_table('unit_targets')
    with op.batch_alter_table('bloc_sheet_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_sheet_events_sheet_id'))

    op.drop_table('bloc_sheet_events')
    with op.batch_alter_table('bloc_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_scores_bloc_id'))

    op.drop_table('bloc_scores')
    op.drop_table('bloc_votes')
    op.drop_table('bloc_score_sheets')
    with op.batch_alter_table('bloc_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_members_unit_id'))
        batch_op.drop_index(batch_op.f('ix_bloc_members_bloc_id'))

    op.drop_table('bloc_members')
    with op.batch_alter_table('bloc_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bloc_criteria_bloc_id'))

    op.drop_table('bloc_criteria')
    with op.batch_alter_table('blocs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blocs_year'))

    op.drop_table('blocs')
