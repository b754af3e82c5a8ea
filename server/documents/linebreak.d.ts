// The Unicode line breaker pdfkit wraps text with (no types of its own).
declare module "linebreak" {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
