"""Capacity is never exceeded: 200 members register at the same instant for 20 seats, through
the real HTTP endpoint of a live server (one thread per request, each with its own database
connection), on whichever database the suite runs on (SQLite or PostgreSQL)."""

import json
import threading
import time
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from rest_framework.authtoken.models import Token

from tests import factories
from workshops import services
from workshops.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE, SEATS = 200, 20


class Server(ThreadedWSGIServer):
    """Django's threaded development server, with room for every connection in its backlog and
    at most 60 requests served at once (PostgreSQL's default allows 100 connections)."""

    request_queue_size = PEOPLE + 50
    slots = threading.BoundedSemaphore(60)

    def process_request(self, request, client_address):
        self.slots.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            connections.close_all()
            self.slots.release()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    httpd.set_app(WSGIHandler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_200_simultaneous_registrations_for_20_seats(server, make_workshop):
    workshop = make_workshop(capacity=SEATS)
    members = [factories.UserFactory() for _ in range(PEOPLE)]
    tokens = [Token.objects.create(user=m).key for m in members]
    url = f"{server}/api/v1/workshops/{workshop.slug}/register/"
    barrier = threading.Barrier(PEOPLE)
    results: list[tuple[int, dict] | Exception] = [None] * PEOPLE

    def register(index):
        request = urllib.request.Request(
            url,
            data=b"{}",
            method="POST",
            headers={"Authorization": f"Token {tokens[index]}", "Content-Type": "application/json"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                results[index] = (response.status, json.loads(response.read()))
        except Exception as error:  # reported by the assertions below
            results[index] = error

    threads = [threading.Thread(target=register, args=(i,)) for i in range(PEOPLE)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    failures = [r for r in results if not (isinstance(r, tuple) and r[0] == 201)]
    assert not failures, failures[:3]
    registrations = list(Registration.objects.filter(workshop=workshop).order_by("pk"))
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waiting = [r for r in registrations if r.status == "waiting"]
    print(
        f"\n{connection.vendor}: {PEOPLE} registrations for {SEATS} seats in {elapsed:.2f} s: "
        f"{len(confirmed)} confirmed, {len(waiting)} waiting"
    )
    # Nothing lost, nothing doubled, never over capacity.
    assert len(registrations) == PEOPLE
    assert len({r.user_id for r in registrations}) == PEOPLE
    assert (len(confirmed), len(waiting)) == (SEATS, PEOPLE - SEATS)
    # Arrival order: seats went to the first arrivals, the waiting list follows the same order,
    # and what each person was told matches what is stored.
    assert confirmed == registrations[:SEATS]
    told = {body["id"]: body for status, body in results}
    assert all(told[r.pk]["status"] == "confirmed" for r in confirmed)
    assert [told[r.pk]["position"] for r in waiting] == list(range(1, PEOPLE - SEATS + 1))

    # A cancellation gives the seat to the first person waiting, in the same transaction.
    services.registration_cancel(registration=confirmed[5])
    assert Registration.objects.get(pk=waiting[0].pk).status == "confirmed"
    assert Registration.objects.filter(workshop=workshop, status="confirmed").count() == SEATS
