function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

/** An LSTM cell that keeps its hidden state h and cell state c from one step to the next. */
export class LstmCell {
  h: number[];
  c: number[];
  private readonly W: number[][];

  constructor(W: number[][]) {
    this.W = W;
    const dh = W.length / 4;
    this.h = new Array(dh).fill(0);
    this.c = new Array(dh).fill(0);
  }

  step(x: number[]): { h: number[]; c: number[] } {
    // TODO: a = W [x; h]; gates f, i, o and candidate from its four blocks; new c, then new h;
    // store them and return them.
    return { h: this.h, c: this.c };
  }

  reset(): void {
    // TODO: back to zeros
  }
}
