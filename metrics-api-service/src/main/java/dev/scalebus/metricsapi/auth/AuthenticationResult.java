package dev.scalebus.metricsapi.auth;

/** The user a request authenticated as, or {@code null} user with the reason a 401 is due. */
public record AuthenticationResult(UserInfo user, String failure) {

    static AuthenticationResult of(UserInfo user) {
        return new AuthenticationResult(user.withAuthenticatedGroup(), null);
    }

    static AuthenticationResult failed(String why) {
        return new AuthenticationResult(null, why);
    }

    public boolean authenticated() {
        return user != null;
    }
}
