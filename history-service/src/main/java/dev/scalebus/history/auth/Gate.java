package dev.scalebus.history.auth;

/**
 * The whole check of one request, as plain Java: authenticate the bearer token, then authorize the access. The
 * outcome says what to answer: pass, 401 (no, bad or unreviewable token), 403 (not allowed) or 503 (the
 * SubjectAccessReview could not be made).
 */
public final class Gate {

    private final Authenticator authenticator;
    private final Authorizer authorizer;

    public Gate(Authenticator authenticator, Authorizer authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    /**
     * What to do with a request.
     *
     * @param status  0 to let the request through, else the HTTP status to answer
     * @param field   the request field at fault (Authorization, namespace), or null
     * @param message the answer's message (for the client)
     * @param detail  why, for the log line only (may name the review's error; never the token)
     */
    public record Outcome(int status, String field, String message, String detail) {

        static final Outcome PASS = new Outcome(0, null, null, null);

        public boolean passes() {
            return status == 0;
        }
    }

    /** @param authorization the Authorization header or null; @param access what the request reads */
    public Outcome check(String authorization, Access access) {
        Authentication authn = authenticator.authenticate(authorization);
        if (!authn.authenticated()) {
            String message = authn.unavailable()
                    ? "the bearer token could not be reviewed (the Kubernetes API server did not answer)"
                    : "a bearer token the Kubernetes API server accepts is required (" + authn.failure() + ")";
            return new Outcome(401, "Authorization", message, authn.failure());
        }
        User user = authn.user();
        Verdict verdict;
        try {
            verdict = authorizer.authorize(user, access);
        } catch (ReviewUnavailableException e) {
            return new Outcome(503, null, "the permission of user \"" + user.name()
                    + "\" could not be checked (the Kubernetes API server did not answer); try again",
                    e.getMessage());
        }
        if (verdict.allowed()) {
            return Outcome.PASS;
        }
        String message = "user \"" + user.name() + "\" cannot " + access.verb() + " resource \"" + access.resource()
                + "\" in API group \"" + Access.GROUP + "\" " + access.scope()
                + (access.namespace() == null ? " (give a namespace or ask for a cluster-wide grant)" : "")
                + (verdict.reason() == null || verdict.reason().isBlank() ? "" : ": " + verdict.reason());
        return new Outcome(403, "namespace", message, "denied " + access);
    }
}
