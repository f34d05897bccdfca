import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link } from './router.js';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * A group of navigation links behind one button (a disclosure, not an ARIA menu: its items stay
 * plain links, reached with Tab). The button says whether it is open (aria-expanded); Escape
 * closes it and gives the focus back to the button; a click elsewhere, focus leaving it or
 * following one of its links closes it too. The button is marked while one of its pages is open.
 */
export function NavMenu({
  id,
  label,
  items,
  path,
}: {
  id: string;
  label: string;
  items: readonly NavItem[];
  path: string;
}) {
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = items.some((item) => path.startsWith(item.to));

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onBlur = (event: FocusEvent) => {
    // Focus going elsewhere on the page (Tab past the last link); null is a click on nothing
    // focusable, which the pointer handler already deals with.
    const next = event.relatedTarget as Node | null;
    if (next && !wrapRef.current?.contains(next)) setOpen(false);
  };

  return (
    <li className="nav-menu" ref={wrapRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        type="button"
        ref={buttonRef}
        className={current ? 'nav-menu-button current' : 'nav-menu-button'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span className="nav-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <ul id={id} className="nav-menu-list" hidden={!open}>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              aria-current={path.startsWith(item.to) ? 'page' : undefined}
              // The link is hidden once followed: keep the keyboard user's place on the button.
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}
