/**
 * Barcode scanners type like a very fast keyboard and end with Enter. Anywhere in the app, a DIN scanned
 * (data structure 001 "=G12341765432170", or a DIN keyed with its check character) opens that product.
 * Keys typed by a person (more than 50 ms apart) are left alone, and so are scans into a field marked
 * data-scan, which wants the barcode itself.
 */
import { useEffect } from "react";

const DIN_SCAN = /^=?([A-NP-Z1-9]\d{12})(\d{2})?$/;
const DIN_KEYED = /^([A-NP-Z1-9]\d{12})[0-9A-Z*]$/;

export function dinFromScan(text: string): string | undefined {
  return DIN_SCAN.exec(text)?.[1] ?? DIN_KEYED.exec(text)?.[1];
}

export function useScanner(onDin: (din: string) => void): void {
  useEffect(() => {
    let buffer = "";
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      // A field that takes scans itself (the bedside check) keeps them.
      if ((e.target as HTMLElement | null)?.dataset?.scan !== undefined) return;
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
