"""moto's own server, with three changes so that it keeps DynamoDB's promises for a long local run.

1. One lock around each request. DynamoDB makes each request atomic; moto serves requests on many
   threads without a lock, so two transactions could both pass their conditions, or crash copying
   a table the other is changing ("dictionary changed size during iteration").
2. TransactWriteItems checks every condition before it writes anything. moto deep-copies every
   table a transaction touches (stream records included) to roll back a cancelled one: time and
   memory grew with the table (about 1.4 GB per 50 misposts), and the cancelled writes showed on
   the stream before the rollback. Under the lock, conditions checked first still hold when the
   writes follow, so a cancelled transaction writes nothing and nothing needs copying.
3. Each stream keeps its newest records only (DynamoDB keeps 24 hours; moto kept all), so memory
   stays bounded. A reader asking for a trimmed record reads from the oldest kept one.

Run as: python3 -c "$(cat moto_server.py)" -H 127.0.0.1 -p PORT  (MISPOST_MOTO_STREAM_RECORDS sets
how many stream records each table keeps; default 10000).
"""
import copy
import os
import sys
import threading

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import StreamShard
from moto.moto_server import werkzeug_app

LOCK = threading.Lock()
_call = werkzeug_app.DomainDispatcherApplication.__call__


def _serial(self, environ, start_response):
    with LOCK:
        return _call(self, environ, start_response)


werkzeug_app.DomainDispatcherApplication.__call__ = _serial


def _key_of(backend, op_type, op):
    if op_type == "Put":
        attrs = op["Item"]
        table = backend.get_table(op["TableName"])
        key = {table.hash_key_attr: attrs[table.hash_key_attr]}
        if table.range_key_attr is not None:
            key[table.range_key_attr] = attrs[table.range_key_attr]
        return key
    return op["Key"]


def _transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    targets = set()
    errors = []
    ops = []
    for item in transact_items:
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise MockValidationException("Unsupported transaction operation: " + op_type)
        key = _key_of(self, op_type, op)
        target = (str(op["TableName"]), str(dict(sorted(key.items()))))
        if target in targets:
            raise MultipleTransactionsException()
        targets.add(target)
        original = None
        try:
            current = self.get_item(op["TableName"], key)
            condition = op.get("ConditionExpression")
            if condition is not None:
                check = get_filter_expression(condition, op.get("ExpressionAttributeNames"),
                                              op.get("ExpressionAttributeValues"))
                if not check.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original)
            errors.append((None, None, None))
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original))
        except MockValidationException:
            raise
        except Exception as e:  # noqa: E722 - reported per item, as moto does
            errors.append((type(e).__name__, str(e), original))
        ops.append((op_type, op, key))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)
    # Every condition holds and the lock keeps it so. Keep copies of just these items, to undo the
    # writes already made should a later one fail validation (a bug in the request, not a race).
    undo = []
    try:
        for op_type, op, key in ops:
            if op_type == "ConditionCheck":
                continue
            table_name = op["TableName"]
            before = self.get_item(table_name, key)
            undo.append((table_name, key, copy.deepcopy(before.to_json()["Attributes"]) if before else None))
            if op_type == "Put":
                self.put_item(table_name, op["Item"])
            elif op_type == "Delete":
                self.delete_item(table_name, key)
            else:
                self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                                 expression_attribute_names=op.get("ExpressionAttributeNames"),
                                 expression_attribute_values=op.get("ExpressionAttributeValues"))
    except Exception:
        for table_name, key, attrs in reversed(undo):
            if attrs is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attrs)
        raise


DynamoDBBackend.transact_write_items = _transact_write_items

STREAM_RECORDS = int(os.environ.get("MISPOST_MOTO_STREAM_RECORDS", "10000"))
_add = StreamShard.add
_get = StreamShard.get


def _bounded_add(self, old, new):
    _add(self, old, new)
    drop = len(self.items) - STREAM_RECORDS
    if drop > 0:
        # Sequence numbers are position + starting number: move the start as the oldest go.
        del self.items[:drop]
        self.starting_sequence_number += drop


def _get_kept(self, start, quantity):
    return _get(self, max(start, self.starting_sequence_number), quantity)


StreamShard.add = _bounded_add
StreamShard.get = _get_kept

from moto.server import main  # noqa: E402 - after the changes above

main(sys.argv[1:])
