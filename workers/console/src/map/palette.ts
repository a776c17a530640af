/**
 * Twenty route colours, each at least 3:1 against the map's light background (WCAG 1.4.11 for graphics)
 * and white text on them at least 4.5:1 for the stop numbers.
 */
export const ROUTE_COLOURS = [
  '#1f5fa8',
  '#b3420f',
  '#2a7a2a',
  '#a31f34',
  '#6b3fa0',
  '#7a4b1f',
  '#b0237f',
  '#4d5a66',
  '#6f6a00',
  '#0e6f7a',
  '#264a8a',
  '#8f3b00',
  '#1d6640',
  '#8c1d2c',
  '#553285',
  '#5e3b18',
  '#8e1c66',
  '#3b4750',
  '#575300',
  '#0b5a63',
] as const;

export const colourOf = (index: number) => ROUTE_COLOURS[index % ROUTE_COLOURS.length]!;
