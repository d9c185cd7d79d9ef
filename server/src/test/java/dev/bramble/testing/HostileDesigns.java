package dev.bramble.testing;

/** Designs that push a size the user types to the extreme, shared by the CLI and language-server hostile-input tests. */
public final class HostileDesigns {
    private HostileDesigns() {}

    /** Only attention's KV cache grows with the context: a billion positions must be planned and estimated in closed form. */
    public static final String HUGE_CONTEXT_ATTENTION = """
            model m {
                context = 999999999
                dim = 16
                weights random seed 1
                embedding wte [27, dim]
                attention heads 1 {
                    linear q [dim -> dim]
                    linear k [dim -> dim]
                    linear v [dim -> dim]
                    linear o [dim -> dim]
                }
                linear lm [dim -> 27]
                argmax
            }
            target t {
                device xc7a35t
                clock 100 MHz
                lanes 4
            }
            """;
}
