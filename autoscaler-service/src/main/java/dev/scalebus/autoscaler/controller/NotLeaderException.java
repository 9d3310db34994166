package dev.scalebus.autoscaler.controller;

/** Leadership was lost between the start of an evaluation and its scale write: nothing is written. */
final class NotLeaderException extends RuntimeException {

    NotLeaderException() {
        super("not leading", null, false, false);
    }
}
