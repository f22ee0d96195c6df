namespace Accelerator.ServiceDefaults;

/// <summary>
/// One kind of error a client can act on. Its <see cref="Type"/> is the problem's <c>type</c>, a relative URI (RFC 9457
/// §3.1.1) that resolves against the gateway, which serves a page about the kind there; <see cref="Title"/> never
/// changes, so that a portal can branch and translate on either while <c>detail</c> stays prose.
/// </summary>
public sealed record ProblemKind(string Slug, int Status, string Title, string Meaning, string ClientAction, int? RetryAfterSeconds = null)
{
    public const string TypePrefix = "/problems/";

    public string Type => TypePrefix + Slug;
}

/// <summary>Every kind of problem any service or the gateway answers with. A new kind is added here, and only here.</summary>
public static class ProblemKinds
{
    public static readonly ProblemKind Validation = new("validation", 400, "The request has invalid fields",
        "One or more fields break their rules; `errors` maps each field to its messages.",
        "Fix the fields listed in `errors` and send the request again.");
    public static readonly ProblemKind BadRequest = new("bad-request", 400, "The request could not be read",
        "The request is not what the route reads: broken JSON or UTF-8, a value of the wrong type, a number too large, "
        + "nesting over 64 levels, a NUL character, a body that arrived too slowly.",
        "Fix the request; sending it again as it is gives the same answer.");
    public static readonly ProblemKind Unauthorized = new("unauthorized", 401, "Authentication required",
        "The request has no bearer token, or its token is invalid or expired.",
        "Get a fresh token and send the request again with it.");
    public static readonly ProblemKind Forbidden = new("forbidden", 403, "Not allowed",
        "The token is valid, but its role or organisation does not allow this call.",
        "Do not retry with this identity; ask for the role the route needs.");
    public static readonly ProblemKind ReviewFirst = new("review-first", 403, "Review first",
        "The panel's discussion of an application opens to one of its reviewers once they have submitted their own review "
        + "of it, so that nobody scores after reading the others.",
        "Submit your review (`PUT /api/reviews/{applicationId}`), then read and join the discussion.");
    public static readonly ProblemKind NotFound = new("not-found", 404, "Not found",
        "No such route, or no such resource for this caller (someone else's resources are not found either). Data that "
        + "another service produces appears here within seconds of the event that makes it.",
        "Check the id. For data another service produces (screening, mentorships, grants), poll for a while.");
    public static readonly ProblemKind MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed",
        "The route exists but not with this HTTP method.",
        "Use a method the route lists in its `Allow` header.");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "Payload too large",
        "The request body is over 1 MiB (1,048,576 bytes).",
        "Send less: every field has a documented maximum.");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported media type",
        "The body is not JSON in UTF-8 (`Content-Type: application/json`, no other charset).",
        "Send `application/json` in UTF-8.");
    public static readonly ProblemKind RateLimited = new("rate-limited", 429, "Too many requests",
        "This caller (its `sub`, or its address without a token) sent more requests than the gateway allows.",
        "Wait the number of seconds in the `Retry-After` header, then send the request again.");
    public static readonly ProblemKind InternalError = new("internal-error", 500, "Internal error",
        "Something failed that should not have: a bug.",
        "Report it with the `traceId`; retrying may not help.");
    public static readonly ProblemKind ServiceUnavailable = new("service-unavailable", 503, "Service unavailable",
        "The gateway could not reach the service behind it, or it did not answer in time (502, 503 or 504).",
        "Retry later, with backoff.");

    public static readonly ProblemKind ConcurrencyConflict = new("concurrency-conflict", 409, "Changed meanwhile",
        "The resource changed since it was read: the `If-Match` version is stale, or another request won a race.",
        "Read the resource again (a new `ETag`), reapply the change if it still makes sense, and send it again.");
    public static readonly ProblemKind RequestInProgress = new("request-in-progress", 409, "Same request in progress",
        "A request with the same `Idempotency-Key` is still being carried out.",
        "Repeat the same request after `Retry-After` seconds: it answers what the first one did.", RetryAfterSeconds: 1);
    public static readonly ProblemKind NotYetKnown = new("not-yet-known", 409, "Not heard yet",
        "This service has not yet received an event that another service has already committed (services learn from each "
        + "other only through the bus), e.g. Selection has not heard that a call closed. The answer changes by itself.",
        "Retry after `Retry-After` seconds. `detail` says what is awaited: if it has not happened at all (a call still open), "
        + "the answer stays until it does; if it has and the answer lasts for minutes, an operator should look at the error queues.",
        RetryAfterSeconds: 2);
    public static readonly ProblemKind StateConflict = new("state-conflict", 409, "State does not allow this",
        "The resource's current state does not allow the request; `detail` says why.",
        "Read the resource to see its state; do not retry as is.");
    public static readonly ProblemKind AlreadyDone = new("already-done", 409, "Already done",
        "What the request asks has been done already: submitted, withdrawn, completed, answered, decided.",
        "Read the resource; there is nothing more to do.");
    public static readonly ProblemKind AlreadyExists = new("already-exists", 409, "Already exists",
        "Something with the same natural key exists: a reviewer or mentor with this `sub`, a mentor already assigned.",
        "Use the existing one (list it to find its id).");
    public static readonly ProblemKind CallNotOpen = new("call-not-open", 409, "Call not open yet",
        "The cohort's call for applications opens later (`applicationsOpenAt`).",
        "Wait until the call opens.");
    public static readonly ProblemKind CallClosed = new("call-closed", 409, "Call closed",
        "The cohort's call for applications has closed: applications can no longer be drafted, changed or submitted.",
        "Nothing to do for this cohort; apply to a later one.");
    public static readonly ProblemKind CallNotClosedYet = new("call-not-closed-yet", 409, "Call still open",
        "The cohort's call for applications is still open, and this step comes after it.",
        "Close the call first (staff) or wait for `applicationsCloseAt`.");
    public static readonly ProblemKind CohortCompleted = new("cohort-completed", 409, "Cohort completed",
        "The cohort's programme has ended: its call, mentorships and sessions take no more changes.",
        "Nothing to do for this cohort.");
    public static readonly ProblemKind SelectionDecided = new("selection-decided", 409, "Selection decided",
        "The cohort's selection has been decided: decisions, reviews and reviewer assignments are closed.",
        "Read the outcome (ranking, offers); nothing more to send.");
    public static readonly ProblemKind OfferExpired = new("offer-expired", 409, "Offer expired",
        "The offer was not answered before its `expiresAt`; the seat passed to the waitlist.",
        "Nothing to do: the offer cannot be answered any more.");
    public static readonly ProblemKind GrantNotActive = new("grant-not-active", 409, "Grant not active",
        "The grant is still `requested`: its partner has not activated it.",
        "Partner: activate the grant, then report usage.");
    public static readonly ProblemKind GrantRevoked = new("grant-revoked", 409, "Grant revoked",
        "The grant was revoked when its cohort completed; it takes no activation, usage or top-up.",
        "Nothing to do: take the resource back.");
    public static readonly ProblemKind NoMentor = new("no-mentor", 409, "No mentor yet",
        "The startup has no mentor (none had room when it was admitted), so no session can be scheduled.",
        "Staff: assign a mentor (`POST /api/mentoring/startups/{id}/mentors`), then schedule.");
    public static readonly ProblemKind SessionNotStarted = new("session-not-started", 409, "Session not started",
        "A session is completed once it has started (`scheduledAt`).",
        "Complete it after its start.");

    public static readonly ProblemKind BusinessRule = new("business-rule", 422, "Business rule violated",
        "The request is well-formed but breaks a rule of the programme; `detail` says which.",
        "Change the request; sending it again as it is gives the same answer.");
    public static readonly ProblemKind MentorFull = new("mentor-full", 422, "Mentor at capacity",
        "The mentor already mentors as many startups as its `capacity` allows.",
        "Choose another mentor (`freeCapacity` in `GET /api/mentors`).");
    public static readonly ProblemKind GrantLimit = new("grant-limit", 422, "Grant limit reached",
        "The grant would pass 100,000,000 units.",
        "Reject the top-up, or approve a smaller one.");

    public static IReadOnlyList<ProblemKind> All { get; } =
    [
        Validation, BadRequest, Unauthorized, Forbidden, ReviewFirst, NotFound, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType,
        RateLimited, InternalError, ServiceUnavailable,
        ConcurrencyConflict, RequestInProgress, NotYetKnown, StateConflict, AlreadyDone, AlreadyExists, CallNotOpen, CallClosed,
        CallNotClosedYet, CohortCompleted, SelectionDecided, OfferExpired, GrantNotActive, GrantRevoked, NoMentor, SessionNotStarted,
        BusinessRule, MentorFull, GrantLimit,
    ];

    private static readonly Dictionary<string, ProblemKind> BySlug = All.ToDictionary(kind => kind.Slug, StringComparer.Ordinal);

    public static ProblemKind? Find(string? slug) => slug is not null && BySlug.TryGetValue(slug, out var kind) ? kind : null;

    public static ProblemKind? FromType(string? type) =>
        type is not null && type.StartsWith(ProblemKind.TypePrefix, StringComparison.Ordinal) ? Find(type[ProblemKind.TypePrefix.Length..]) : null;

    /// <summary>The kind of an answer nobody gave a kind to: the framework's own (401 and 403 from authorization, 404 and
    /// 405 from routing, 500 from an unexpected exception) or the proxy's.</summary>
    public static ProblemKind ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => StateConflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => BusinessRule,
        429 => RateLimited,
        502 or 503 or 504 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
