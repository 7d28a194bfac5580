"""Award rounds: rounds, registrations, nominations (events, evidence, attachments), council
meetings and votes, decisions and their lines.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 08:25:09.424340
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('registrations',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('award_kind_id', sa.Integer(), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('movement_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['award_kind_id'], ['award_kinds.id'], name=op.f('fk_registrations_award_kind_id_award_kinds')),
    sa.ForeignKeyConstraint(['movement_id'], ['movements.id'], name=op.f('fk_registrations_movement_id_movements')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_registrations_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registrations_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_registrations_uuid'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_year_person', ['year', 'person_id'], unique=False)
        batch_op.create_index('ix_registrations_year_unit', ['year', 'unit_id'], unique=False)

    op.create_table('rounds',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('movement_id', sa.Integer(), nullable=True),
    sa.Column('office_unit_id', sa.Integer(), nullable=True),
    sa.Column('registration_deadline', sa.Date(), nullable=True),
    sa.Column('submission_deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['movement_id'], ['movements.id'], name=op.f('fk_rounds_movement_id_movements')),
    sa.ForeignKeyConstraint(['office_unit_id'], ['units.id'], name=op.f('fk_rounds_office_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rounds')),
    sa.UniqueConstraint('uuid', name=op.f('uq_rounds_uuid'))
    )
    op.create_table('council_meetings',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=255), nullable=False),
    sa.Column('total_members', sa.Integer(), nullable=False),
    sa.Column('present_members', sa.Integer(), nullable=False),
    sa.Column('chair', sa.String(length=150), nullable=False),
    sa.Column('secretary', sa.String(length=150), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_council_meetings_round_id_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_meetings')),
    sa.UniqueConstraint('uuid', name=op.f('uq_council_meetings_uuid'))
    )
    with op.batch_alter_table('council_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_meetings_round_id'), ['round_id'], unique=False)

    op.create_table('decisions',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('notation', sa.String(length=40), nullable=False),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signer_name', sa.String(length=150), nullable=False),
    sa.Column('signer_capacity', sa.String(length=20), nullable=False),
    sa.Column('subject_line', sa.String(length=500), nullable=False),
    sa.Column('base_salary', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_decisions_round_id_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_decisions_uuid'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_number', ['notation', 'year', 'sequence'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_round_id'), ['round_id'], unique=False)

    op.create_table('nominations',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('household_name', sa.String(length=255), nullable=False),
    sa.Column('household_unit_id', sa.Integer(), nullable=True),
    sa.Column('award_kind_id', sa.Integer(), nullable=False),
    sa.Column('proposing_unit_id', sa.Integer(), nullable=True),
    sa.Column('achievement_summary', sa.Text(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('status_note', sa.Text(), nullable=False),
    sa.Column('eligibility', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['award_kind_id'], ['award_kinds.id'], name=op.f('fk_nominations_award_kind_id_award_kinds')),
    sa.ForeignKeyConstraint(['household_unit_id'], ['units.id'], name=op.f('fk_nominations_household_unit_id_units')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_nominations_person_id_people')),
    sa.ForeignKeyConstraint(['proposing_unit_id'], ['units.id'], name=op.f('fk_nominations_proposing_unit_id_units')),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_nominations_round_id_rounds')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_nominations_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nominations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_nominations_uuid'))
    )
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.create_index('ix_nominations_person', ['person_id'], unique=False)
        batch_op.create_index('ix_nominations_round_status', ['round_id', 'status'], unique=False)
        batch_op.create_index('ix_nominations_unit', ['unit_id'], unique=False)

    op.create_table('attachments',
    sa.Column('nomination_id', sa.Integer(), nullable=True),
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
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_attachments_nomination_id_nominations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('uuid', name=op.f('uq_attachments_uuid'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_nomination_id'), ['nomination_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)

    op.create_table('decision_lines',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('coefficient', sa.String(length=12), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('pay_note', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_decision_lines_decision_id_decisions')),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_decision_lines_nomination_id_nominations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_lines')),
    sa.UniqueConstraint('nomination_id', name=op.f('uq_decision_lines_nomination_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_decision_lines_uuid'))
    )
    with op.batch_alter_table('decision_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_lines_decision_id'), ['decision_id'], unique=False)

    op.create_table('nomination_events',
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=30), nullable=False),
    sa.Column('to_status', sa.String(length=30), nullable=False),
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
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_nomination_events_nomination_id_nominations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nomination_events')),
    sa.UniqueConstraint('uuid', name=op.f('uq_nomination_events_uuid'))
    )
    with op.batch_alter_table('nomination_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nomination_events_nomination_id'), ['nomination_id'], unique=False)

    op.create_table('nomination_evidence',
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_uuid', sa.String(length=36), nullable=False),
    sa.Column('label', sa.String(length=500), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_nomination_evidence_nomination_id_nominations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nomination_evidence')),
    sa.UniqueConstraint('nomination_id', 'kind', 'record_uuid', name='uq_evidence_link'),
    sa.UniqueConstraint('uuid', name=op.f('uq_nomination_evidence_uuid'))
    )
    with op.batch_alter_table('nomination_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nomination_evidence_nomination_id'), ['nomination_id'], unique=False)

    op.create_table('votes',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('yes_votes', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['council_meetings.id'], name=op.f('fk_votes_meeting_id_council_meetings')),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_votes_nomination_id_nominations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    sa.UniqueConstraint('meeting_id', 'nomination_id', name='uq_vote_once'),
    sa.UniqueConstraint('uuid', name=op.f('uq_votes_uuid'))
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_nomination_id'), ['nomination_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_nomination_id'))

    op.drop_table('votes')
    with op.batch_alter_table('nomination_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nomination_evidence_nomination_id'))

    op.drop_table('nomination_evidence')
    with op.batch_alter_table('nomination_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nomination_events_nomination_id'))

    op.drop_table('nomination_events')
    with op.batch_alter_table('decision_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_lines_decision_id'))

    op.drop_table('decision_lines')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_nomination_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_index('ix_nominations_unit')
        batch_op.drop_index('ix_nominations_round_status')
        batch_op.drop_index('ix_nominations_person')

    op.drop_table('nominations')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_round_id'))
        batch_op.drop_index('ix_decisions_number')

    op.drop_table('decisions')
    with op.batch_alter_table('council_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_meetings_round_id'))

    op.drop_table('council_meetings')
    op.drop_table('rounds')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_registrations_year_unit')
        batch_op.drop_index('ix_registrations_year_person')

    op.drop_table('registrations')
