package dev.bramble.cli;

/** How a command prints its result: for people, or for programs. */
enum OutputFormat { text, json }
