# moto's server, as the local runtime runs it: changes that keep DynamoDB's promises and its pace, nothing else.
# Run as: python3 -c "$(cat moto_server.py)" -H 127.0.0.1 -p PORT. MISPOST_MOTO_STREAM_RECORDS sets how many
# stream records each table keeps (default 10000).
import copy as _copy
import json
import os
import sys
import threading

import moto.dynamodb.comparisons as _comparisons
import moto.dynamodb.models as _models
import moto.dynamodb.models.table as _table
from moto.dynamodb.exceptions import TransactionCanceledException
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.moto_server import werkzeug_app

# 1. One DynamoDB request at a time: moto serves many threads without a lock, so two concurrent
#    transactions could both pass their conditions. DynamoDB makes each request atomic. Other services
#    go unlocked, as moto serves them, so that an SQS long poll waits without holding DynamoDB up.
_lock = threading.Lock()
_call = werkzeug_app.DomainDispatcherApplication.__call__


def _serial(self, environ, start_response):
    if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
        return _call(self, environ, start_response)
    with _lock:
        return _call(self, environ, start_response)


werkzeug_app.DomainDispatcherApplication.__call__ = _serial

# 2. Transactions check every condition before writing anything, as DynamoDB does, instead of moto's
#    way: deep-copy the whole table (stream included) once per item of the transaction, so as to roll
#    back. That made a 40-item transaction on a 3,000-item table take 7 s (DynamoDB: milliseconds),
#    hiding real timings. A transaction whose checks pass is written by moto itself, with the items it
#    touches kept aside, not the table: should moto refuse it halfway, they are put back.
_transact = _models.DynamoDBBackend.transact_write_items


class _TablesUncopied:
    def __getattr__(self, name):
        return getattr(_copy, name)

    def deepcopy(self, x, memo=None):
        return x if isinstance(x, _models.Table) else _copy.deepcopy(x, memo)


def _checked_first(self, transact_items):
    seen, touched, reasons = set(), [], []
    try:
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            table = self.get_table(op["TableName"])
            attrs = op["Item"] if op_type == "Put" else op["Key"]
            key = {table.hash_key_attr: attrs[table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = attrs[table.range_key_attr]
            ident = (table.name, str(sorted(key.items())))
            if ident in seen:
                raise ValueError("one item twice: moto's own path reports it")
            seen.add(ident)
            current = self.get_item(op["TableName"], key)
            touched.append((table, key, _copy.deepcopy(current)))
            condition = op.get("ConditionExpression")
            if condition is None or _models.get_filter_expression(
                    condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")).expr(current):
                reasons.append((None, None, None))
            else:
                old = current.to_json()["Attributes"] if current is not None and op.get(
                    "ReturnValuesOnConditionCheckFailure") == "ALL_OLD" else None
                reasons.append(("ConditionalCheckFailed", "The conditional request failed", old))
    except Exception:
        return _transact(self, transact_items)
    if any(code is not None for code, _, _ in reasons):
        raise TransactionCanceledException(reasons)
    _models.copy = _TablesUncopied()
    try:
        return _transact(self, transact_items)
    except Exception:
        for table, key, before in touched:
            hash_key = DynamoType(key[table.hash_key_attr])
            range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr is not None else None
            if before is None:
                if table.get_item(hash_key, range_key) is not None:
                    table.delete_item(hash_key, range_key)
            else:
                table.put_item(before.to_json()["Attributes"])
        raise
    finally:
        _models.copy = _copy


_models.DynamoDBBackend.transact_write_items = _checked_first

# 3. A condition expression is parsed once, not on every item it is checked against (moto parses it
#    anew each time, most of its time per item). The parsed form holds no state of its own.
_parse_condition = _comparisons.get_filter_expression
_parsed_conditions = {}


def _parsed_once(expr, names, values):
    key = (expr, json.dumps(names, sort_keys=True, default=str), json.dumps(values, sort_keys=True, default=str))
    parsed = _parsed_conditions.get(key)
    if parsed is None:
        if len(_parsed_conditions) > 10_000:
            _parsed_conditions.clear()
        parsed = _parsed_conditions[key] = _parse_condition(expr, names, values)
    return parsed


_models.get_filter_expression = _parsed_once
_table.get_filter_expression = _parsed_once

# 4. Each stream keeps its newest records only. DynamoDB keeps 24 hours; moto kept every record, and
#    memory grew without bound over a long run. Sequence numbers are a record's position plus the
#    shard's starting number, so the start moves as the oldest go; a reader asking for a trimmed
#    record reads from the oldest one kept.
_stream_records = int(os.environ.get("MISPOST_MOTO_STREAM_RECORDS", "10000"))
_add_record = _table.StreamShard.add
_get_records = _table.StreamShard.get


def _bounded_add(self, old, new):
    _add_record(self, old, new)
    drop = len(self.items) - _stream_records
    if drop > 0:
        del self.items[:drop]
        self.starting_sequence_number += drop


def _get_kept(self, start, quantity):
    return _get_records(self, max(start, self.starting_sequence_number), quantity)


_table.StreamShard.add = _bounded_add
_table.StreamShard.get = _get_kept

# 5. Shard iterators are forgotten. moto registers a new iterator for every GetRecords and keeps it for
#    ever (about 1 KB each: 80,000 an hour at the pollers' rate); DynamoDB's expire after 15 minutes.
#    A reader uses the one it was just given, so the newest few thousand are plenty.
import moto.dynamodbstreams.models as _streams  # noqa: E402

_iterators_kept = 2000
_shard_get = _streams.ShardIterator.get


def _get_forgetting(self, limit=1000):
    answer = _shard_get(self, limit)
    kept = self.streams_backend.shard_iterators
    while len(kept) > _iterators_kept:
        del kept[next(iter(kept))]
    return answer


_streams.ShardIterator.get = _get_forgetting

# 6. GetRecords answers with each record's JSON, written once. moto writes every answer through its
#    generic botocore-shape serializer, about 1-2 ms a record: with two functions reading the stream,
#    that was half of moto's time in a storm of reactions. The JSON is the same (DynamoDB's own
#    encoder: times as epoch seconds, binary as base64); a record never changes once written.
import moto.dynamodbstreams.responses as _stream_answers  # noqa: E402
from moto.dynamodb.models.utilities import dynamo_json_dump as _dump  # noqa: E402


def _record_json(record):
    cached = getattr(record, "_mispost_json", None)
    if cached is None:
        cached = record._mispost_json = _dump(record.record)
    return cached


def _get_records_json(self):
    arn = self._get_param("ShardIterator")
    limit = self._get_param("Limit") or 1000
    iterator = self.backend.shard_iterators[arn]
    shard = iterator.stream_shard
    start = max(iterator.sequence_number, shard.starting_sequence_number) - shard.starting_sequence_number
    records = shard.items[start:start + limit]
    answer = iterator.get(limit)  # the same records, and the next iterator registered as moto does
    return '{"NextShardIterator": ' + json.dumps(answer["NextShardIterator"]) + ', "Records": [' + ", ".join(
        _record_json(r) for r in records) + "]}"


_stream_answers.DynamoDBStreamsHandler.get_records = _get_records_json

from moto.server import main  # noqa: E402

main(sys.argv[1:])
