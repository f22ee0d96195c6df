"""Creates the RabbitMQ accounts of accounts.json through the management API (compose's one-shot rabbitmq-accounts).

Passwords come from RABBITMQ_PASSWORD_<USER>; the operator's administrator account does the calls. Idempotent."""
import base64
import json
import os
import pathlib
import time
import urllib.parse
import urllib.request

base = os.environ["RABBITMQ_MANAGEMENT_URL"].rstrip("/")
credentials = base64.b64encode(f'{os.environ["RABBITMQ_OPERATOR_USER"]}:{os.environ["RABBITMQ_OPERATOR_PASSWORD"]}'.encode()).decode()


def put(path, body):
    request = urllib.request.Request(f"{base}/api/{path}", data=json.dumps(body).encode(), method="PUT",
                                     headers={"Authorization": f"Basic {credentials}", "Content-Type": "application/json"})
    for attempt in range(30):
        try:
            with urllib.request.urlopen(request, timeout=10):
                return
        except OSError:
            if attempt == 29:
                raise
            time.sleep(2)


accounts = json.loads(pathlib.Path(__file__).with_name("accounts.json").read_text())
for user in accounts["users"]:
    name = user["name"]
    put(f"users/{urllib.parse.quote(name)}", {"password": os.environ[f"RABBITMQ_PASSWORD_{name.upper()}"], "tags": ""})
    put(f"permissions/%2F/{urllib.parse.quote(name)}",
        {"configure": user["configure"], "write": user["write"], "read": user["read"]})
    print(f"account {name}: ready")
