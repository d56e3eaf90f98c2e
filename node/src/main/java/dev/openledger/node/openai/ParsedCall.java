package dev.openledger.node.openai;

import dev.openledger.openlora.service.Prompt;
import dev.openledger.openlora.service.Sampling;

/**
 * A validated OpenAI request body.
 *
 * @param model the {@code model} field
 * @param prompt the prompt or messages
 * @param sampling sampling parameters
 * @param stream whether to answer with server-sent events
 * @param includeUsage {@code stream_options.include_usage}: end the stream with a usage chunk
 */
record ParsedCall(
    String model, Prompt prompt, Sampling sampling, boolean stream, boolean includeUsage) {}
