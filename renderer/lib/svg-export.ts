/**
 * Exporting a chart: the SVG as a file, or drawn onto a canvas as PNG. Everything stays local:
 * the image is loaded from a data: URL (the CSP allows `img-src 'self' data:` and nothing remote,
 * and blob: is not in img-src), and the files are handed to the browser as data: URLs too.
 */

/** The SVG element as standalone markup (namespace and size attributes set), via XMLSerializer. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  copy.setAttribute('width', svg.getAttribute('width') ?? String(Math.round(box.width)));
  copy.setAttribute('height', svg.getAttribute('height') ?? String(Math.round(box.height)));
  // The brush overlay is interaction, not content.
  for (const brush of copy.querySelectorAll('.brush')) brush.remove();
  return new XMLSerializer().serializeToString(copy);
}

/** A data: URL holding the SVG markup. */
export function svgDataUrl(markup: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
}

/** Asks the browser to save `url` (a data: URL) as `filename`. */
export function downloadUrl(url: string, filename: string, doc: Document = document): void {
  const anchor = doc.createElement('a');
  anchor.download = filename;
  anchor.href = url;
  anchor.rel = 'noopener';
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** Draws the SVG markup onto a canvas (at `scale`× for sharpness) and returns a PNG data: URL. */
export function svgToPng(
  markup: string,
  width: number,
  height: number,
  scale = 2,
  background = '#ffffff',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('No 2D canvas here'));
        return;
      }
      context.fillStyle = background;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      resolve(canvas.toDataURL('image/png'));
    };
    image.onerror = () => reject(new Error('The chart could not be drawn as an image'));
    image.src = svgDataUrl(markup);
  });
}
