package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The patch types a Scale subresource accepts, applied to the Scale as the API server does (it patches the Scale
 * read from the object, then writes the result back): JSON merge patch (RFC 7386; a strategic merge patch of a
 * Scale is the same, it has no lists) and JSON patch (RFC 6902) over objects (add, replace, remove, test).
 */
final class JsonPatches {

    /** A patch the target cannot take; {@code code} is the HTTP status the API server answers with. */
    static final class PatchException extends Exception {
        final int code;

        PatchException(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private JsonPatches() {
    }

    /** Applies {@code patch} to a copy of {@code target}: an array is a JSON patch, an object a merge patch. */
    static ObjectNode apply(ObjectNode target, JsonNode patch) throws PatchException {
        ObjectNode copy = target.deepCopy();
        if (patch.isArray()) {
            for (JsonNode op : patch) {
                jsonPatchOp(copy, op);
            }
            return copy;
        }
        if (!patch.isObject()) {
            throw new PatchException(400, "a merge patch must be a JSON object");
        }
        mergePatch(copy, (ObjectNode) patch);
        return copy;
    }

    /** RFC 7386: objects merge recursively, null removes a member, anything else replaces it. */
    static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.path(e.getKey()).isObject()) {
                mergePatch((ObjectNode) target.get(e.getKey()), (ObjectNode) value);
            } else if (value.isObject()) {
                ObjectNode fresh = target.putObject(e.getKey());
                mergePatch(fresh, (ObjectNode) value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static void jsonPatchOp(ObjectNode root, JsonNode op) throws PatchException {
        String kind = op.path("op").asText("");
        String path = op.path("path").asText(null);
        if (path == null || !path.startsWith("/")) {
            throw new PatchException(400, "json patch: missing or relative path in " + op);
        }
        String[] tokens = path.substring(1).split("/", -1);
        ObjectNode parent = root;
        for (int i = 0; i < tokens.length - 1; i++) {
            JsonNode next = parent.get(unescape(tokens[i]));
            if (next == null || !next.isObject()) {
                throw new PatchException(422, "json patch: doc is missing path: \"" + path + "\"");
            }
            parent = (ObjectNode) next;
        }
        String member = unescape(tokens[tokens.length - 1]);
        switch (kind) {
            case "add" -> parent.set(member, op.path("value").deepCopy());
            case "replace", "remove" -> {
                if (!parent.has(member)) {
                    throw new PatchException(422, "json patch: " + kind + " operation does not apply: doc is missing key: " + path);
                }
                if (kind.equals("replace")) {
                    parent.set(member, op.path("value").deepCopy());
                } else {
                    parent.remove(member);
                }
            }
            case "test" -> {
                if (!same(op.path("value"), parent.get(member))) {
                    throw new PatchException(422, "json patch: testing value " + path + " failed: test failed");
                }
            }
            default -> throw new PatchException(400, "json patch: unsupported operation \"" + kind + "\"");
        }
    }

    /** JSON equality: numbers by value (5 and 5.0 are the same JSON number), everything else structurally. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a != null && a.equals(b);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
