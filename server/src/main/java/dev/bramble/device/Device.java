package dev.bramble.device;

import java.util.List;

/**
 * One catalogued part. {@code bram} counts the family's smallest block RAM; {@code dsp} counts
 * the family's DSP unit as the vendor counts it (Cyclone V: variable-precision blocks; ECP5 and
 * Gowin: 18×18 multipliers). {@code base} is the part without package and speed suffix.
 * {@code nextpnr}: the nextpnr-ice40 arguments that select the part and package, or null when
 * the part has no open place-and-route here.
 */
public record Device(String name, String base, List<String> aliases, Family family,
                     int logic, int ffs, int bram, int dsp, LargeRam largeRam, String nextpnr, String source) {
    public Device {
        aliases = List.copyOf(aliases);
    }

    /**
     * Whether the part has DSP blocks. Without them (iCE40 LP/HX) every multiplier is built in
     * logic, whatever its family's DSP kind says for the family's other parts.
     */
    public boolean hasDsp() {
        return dsp > 0;
    }

    public long bramBits() {
        return (long) bram * family.blockRam().bits();
    }

    /** The name users know it by: the first alias, else the base. */
    public String displayName() {
        return aliases.isEmpty() ? base : base + " (" + aliases.get(0) + ")";
    }
}
