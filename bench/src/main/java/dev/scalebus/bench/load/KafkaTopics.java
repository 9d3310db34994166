package dev.scalebus.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates or deletes a run's own topics on the shared broker, so that parallel runs and the developers' stack never
 * read each other's events. Args: bootstrap create|delete partitions topic...
 */
public final class KafkaTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        boolean create = switch (args[1]) {
            case "create" -> true;
            case "delete" -> false;
            default -> throw new IllegalArgumentException("create or delete, not " + args[1]);
        };
        int partitions = Integer.parseInt(args[2]);
        List<String> topics = Arrays.asList(args).subList(3, args.length);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (create) {
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                        .all().get(30, TimeUnit.SECONDS);
            } else {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        }
        System.out.println((create ? "created " : "deleted ") + topics);
    }
}
