// Plain loops over the four gate blocks, and copies of the state instead of fresh maps.
export class LstmCell {
  h: number[];
  c: number[];
  private readonly W: number[][];
  private readonly dh: number;

  constructor(W: number[][]) {
    this.W = W;
    this.dh = W.length / 4;
    this.h = [];
    this.c = [];
    this.reset();
  }

  step(x: number[]): { h: number[]; c: number[] } {
    const dh = this.dh;
    const input = x.concat(this.h);
    const a: number[] = [];
    for (let r = 0; r < 4 * dh; r++) {
      let sum = 0;
      for (let j = 0; j < input.length; j++) sum += this.W[r][j] * input[j];
      a.push(sum);
    }
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    const h: number[] = [];
    const c: number[] = [];
    for (let k = 0; k < dh; k++) {
      const f = sigma(a[k]);
      const i = sigma(a[dh + k]);
      const o = sigma(a[2 * dh + k]);
      const g = Math.tanh(a[3 * dh + k]);
      c.push(f * this.c[k] + i * g);
      h.push(o * Math.tanh(c[k]));
    }
    this.h = h.slice();
    this.c = c.slice();
    return { h, c };
  }

  reset(): void {
    this.h = Array.from({ length: this.dh }, () => 0);
    this.c = Array.from({ length: this.dh }, () => 0);
  }
}
