function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

export class LstmCell {
  h: number[];
  c: number[];
  private readonly W: number[][];
  private readonly dh: number;

  constructor(W: number[][]) {
    this.W = W;
    this.dh = W.length / 4;
    this.h = new Array(this.dh).fill(0);
    this.c = new Array(this.dh).fill(0);
  }

  step(x: number[]): { h: number[]; c: number[] } {
    const d = this.dh;
    const concat = [...x, ...new Array(d).fill(0)];
    const gates = this.W.map((row) => row.reduce((s, w, j) => s + w * concat[j], 0));
    const c = this.c.map((cPrev, k) => sigmoid(gates[k]) * cPrev + sigmoid(gates[d + k]) * Math.tanh(gates[3 * d + k]));
    const h = c.map((ck, k) => sigmoid(gates[2 * d + k]) * Math.tanh(ck));
    this.h = h;
    this.c = c;
    return { h, c };
  }

  reset(): void {
    this.h = new Array(this.dh).fill(0);
    this.c = new Array(this.dh).fill(0);
  }
}
