package dev.bramble.tools;

/**
 * An external program Bramble drives. Each is found, in order, through the system property
 * {@code bramble.tool.NAME}, the environment variable {@code BRAMBLE_NAME}, then {@code PATH};
 * when none has it, the user gets the Debian package to install.
 */
public enum Tool {
    IVERILOG("iverilog", "BRAMBLE_IVERILOG", "iverilog"),
    VVP("vvp", "BRAMBLE_VVP", "iverilog"),
    VERILATOR("verilator", "BRAMBLE_VERILATOR", "verilator"),
    MAKE("make", "BRAMBLE_MAKE", "make"),
    CXX("g++", "BRAMBLE_CXX", "g++"),
    YOSYS("yosys", "BRAMBLE_YOSYS", "yosys"),
    NEXTPNR_ICE40("nextpnr-ice40", "BRAMBLE_NEXTPNR_ICE40", "nextpnr-ice40"),
    ICEPACK("icepack", "BRAMBLE_ICEPACK", "fpga-icestorm");

    private final String executable;
    private final String environmentVariable;
    private final String debianPackage;

    Tool(String executable, String environmentVariable, String debianPackage) {
        this.executable = executable;
        this.environmentVariable = environmentVariable;
        this.debianPackage = debianPackage;
    }

    public String executable() { return executable; }

    public String environmentVariable() { return environmentVariable; }

    public String systemProperty() { return "bramble.tool." + executable; }

    public String debianPackage() { return debianPackage; }

    /** The one line a user reads when the tool is missing. */
    public String installHint() {
        return executable + " not found (looked at $" + environmentVariable + " and PATH); install it: apt-get install -y "
                + debianPackage;
    }
}
