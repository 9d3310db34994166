package dev.scalebus.events.kafka;

import dev.scalebus.events.NodeScrape;

/** Reads {@link NodeScrape} events; configure as {@code value.deserializer}. */
public class NodeScrapeDeserializer extends EventDeserializer<NodeScrape> {

    public NodeScrapeDeserializer() {
        super(NodeScrape.class);
    }
}
