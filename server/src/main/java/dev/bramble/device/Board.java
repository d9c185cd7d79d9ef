package dev.bramble.device;

import java.util.List;

/**
 * A development board people own, from the {@code boards} list of {@code devices.json}: its part,
 * its oscillator (frequency and pin), the reset/user button, the UART pins as seen from the FPGA
 * ({@code uartRx} is the FPGA's input), a few LEDs, and the family's PLL primitive that the
 * board top instantiates. Pins are the vendor's site names (iCE40 package pin numbers, Xilinx
 * and Lattice ball names, Quartus {@code PIN_*}, Gowin pin numbers).
 */
public record Board(String id, String name, List<String> aliases, Device device, String io,
                    double clockMHz, Pin clock, String pll,
                    Pin reset, boolean resetActiveLow, String resetName,
                    Pin uartRx, Pin uartTx, String uartNote,
                    List<Pin> leds, boolean ledsActiveLow, List<String> ledNames, String source) {

    /** One package pin; {@code io} is the I/O standard (the board's default when the pin names none). */
    public record Pin(String site, String io) {}

    public Board {
        aliases = List.copyOf(aliases);
        leds = List.copyOf(leds);
        ledNames = List.copyOf(ledNames);
    }

    public Family family() {
        return device.family();
    }

    /** The I/O standard of a pin: its own, else the board's. */
    public String ioOf(Pin pin) {
        return pin.io() != null ? pin.io() : io;
    }
}
