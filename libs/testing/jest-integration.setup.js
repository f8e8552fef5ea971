// Integration tests talk to real services: give them room, and fail with a clear message instead of hanging.
jest.setTimeout(60_000);
