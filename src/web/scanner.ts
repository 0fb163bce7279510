/**
 * Barcode scanners type like a very fast keyboard and end with Enter. Anywhere in the app, a DIN scanned
 * (data structure 001 "=G12341765432170", or a DIN keyed with its check character) opens that product.
 * Keys typed by a person (more than 50 ms apart) are left alone, and so is a scan while the focus is in a
 * field (an input, a list, a text area): it types into that field, and the user stays on their page.
 */
import { useEffect } from "react";

const DIN_SCAN = /^=?([A-NP-Z1-9]\d{12})(\d{2})?$/;
const DIN_KEYED = /^([A-NP-Z1-9]\d{12})[0-9A-Z*]$/;

export function dinFromScan(text: string): string | undefined {
  return DIN_SCAN.exec(text)?.[1] ?? DIN_KEYED.exec(text)?.[1];
}

/** Whether keys go into an editable field rather than to the page. */
export function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement
    ? !["button", "submit", "reset", "checkbox", "radio"].includes(target.type)
    : target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function useScanner(onDin: (din: string) => void): void {
  useEffect(() => {
    let buffer = "";
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      // A field keeps what is typed or scanned into it (the bedside check scans into its fields).
      if (isField(e.target)) return;
      const now = performance.now();
      if (now - last > 50) buffer = "";
      last = now;
      if (e.key === "Enter") {
        const din = buffer.length >= 13 ? dinFromScan(buffer) : undefined;
        buffer = "";
        if (din) {
          e.preventDefault();
          onDin(din);
        }
        return;
      }
      if (e.key.length === 1) buffer += e.key;
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onDin]);
}
