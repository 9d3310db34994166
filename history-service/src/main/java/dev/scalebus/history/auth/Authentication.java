package dev.scalebus.history.auth;

/**
 * The outcome of authenticating a request: a user, or why not (a 401). {@code unavailable} marks a TokenReview
 * that could not be made (also a 401, as the API server answers, but worth its own log line).
 */
public record Authentication(User user, String failure, boolean unavailable) {

    static Authentication of(User user) {
        return new Authentication(user, null, false);
    }

    static Authentication failed(String why) {
        return new Authentication(null, why, false);
    }

    static Authentication unavailable(String why) {
        return new Authentication(null, why, true);
    }

    public boolean authenticated() {
        return user != null;
    }
}
