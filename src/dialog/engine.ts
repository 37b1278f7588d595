/**
 * The dialog engine: one pure step per turn. It browses the catalog, answers built-in intents, and runs
 * one generic form per service (fields from the catalog, questions and errors from locales/). No service
 * has code of its own here.
 *
 * Order of precedence for a typed message while a form is open: a control command (cancel, menu, …) →
 * a correction of an earlier answer → an answer to the current question → another service (a digression,
 * the form is kept) → a polite "that is not a valid …" with an example.
 */
import type { Catalog, FieldDef, Language, Service, ServiceField } from '../catalog/types.js';
import type { BuiltinIntent, Reply, Understanding, Expectation } from '../core.js';
import type { ApplicationInput, UtteranceInput } from '../store/repository.js';
import { validateField, type FieldResult } from './fields.js';
import { restoreState, type DialogState, type FormState } from './state.js';
import type { Dialog, DialogContext, DialogEvent, StepResult } from './types.js';
import { Views } from './views.js';

/** After this many invalid answers in a row the citizen is offered help, skip or cancel. */
const MAX_FAILURES = 3;
/** Field types whose values are read back when they came from a voice note. */
const READ_BACK_TYPES = new Set(['aadhaar', 'mobile', 'date', 'pin', 'bank_account', 'number', 'amount']);
/** Below this recogniser confidence any value heard is read back, and a heard service request is only a guess. */
const SURE_VOICE = 0.9;
/** Field types that accept nearly any text, so commands and other requests are checked before the answer. */
const FREE_TEXT = new Set(['name', 'text', 'address']);
/** How sure the classifier must be that a message is a command before it interrupts a question. */
const CONTROL_CONFIDENCE = 0.35;
/** How sure the classifier must be that an answer to a free-text question is really another request. */
const FREE_TEXT_DIGRESSION = 0.5;
/** A message this long is a sentence, not a name: an understood service request in it is taken as one. */
const LONGER_THAN_A_NAME = 5;
const words = (text: string) => text.trim().split(/\s+/).length;
/** Built-in intents that act at any step, even in the middle of a form. */
const CONTROL: ReadonlySet<BuiltinIntent> = new Set(['cancel', 'restart', 'menu', 'help', 'human', 'change_language', 'status', 'voice_off', 'voice_on']);

class Turn {
  readonly replies: Reply[] = [];
  readonly applications: ApplicationInput[] = [];
  readonly utterances: UtteranceInput[] = [];
  views: Views;

  constructor(
    readonly s: DialogState,
    readonly ctx: DialogContext,
  ) {
    this.views = new Views(ctx.catalog, ctx.i18n, s.language ?? 'en');
  }

  setLanguage(lang: Language): void {
    this.s.language = lang;
    this.views = new Views(this.ctx.catalog, this.ctx.i18n, lang);
  }

  say(reply: Reply): void {
    this.replies.push(reply);
  }

  text(id: string, args?: Record<string, string | number>): void {
    this.say(this.views.text(id, args));
  }
}

export class DialogEngine implements Dialog {
  /** What the open question expects, with the words a valid spoken answer is likely to be (for recognisers). */
  expecting(raw: unknown): Expectation | undefined {
    const s = restoreState(raw);
    const form = s.form;
    const catalog = this.catalog;
    if (!catalog) return undefined;
    if (form?.heard || form?.phase === 'confirming' || s.offer) return { fieldType: 'yes_no', vocabulary: ['yes', 'no'] };
    if (!form?.asking) return undefined;
    const field = catalog.fields.get(form.asking);
    if (!field) return undefined;
    const vocabulary =
      field.type === 'district'
        ? catalog.districts.map((d) => d.name.en)
        : field.type === 'block'
          ? catalog.blocks.filter((b) => b.district === form.values['district']).map((b) => b.name.en)
          : field.type === 'yes_no'
            ? ['yes', 'no']
            : field.type === 'choice'
              ? (field.options ?? []).map((o) => o.replace(/_/g, ' '))
              : undefined;
    return { fieldType: field.type, vocabulary };
  }

  constructor(private readonly catalog?: Catalog) {}

  step(raw: unknown, event: DialogEvent, ctx: DialogContext): StepResult {
    const turn = new Turn(restoreState(raw), ctx);
    const { s } = turn;
    if (!s.language) {
      this.firstContact(turn, event);
    } else {
      if (event.kind === 'text') this.followLanguage(turn, event.understanding);
      if (this.isIdle(turn) && event.kind !== 'choice') this.afterIdle(turn, event);
      else this.dispatch(turn, event);
    }
    if (s.form) s.form.updatedAt = ctx.now.toISOString();
    s.offered = offeredChoices(turn.replies);
    return { state: s, replies: turn.replies, applications: turn.applications, utterances: turn.utterances, language: s.language, spokenReplies: s.spoken };
  }

  // --- language ------------------------------------------------------------------------------------

  /** Pick the language from the first message; ask only when it cannot be told, holding the message. */
  private firstContact(turn: Turn, event: DialogEvent): void {
    if (event.kind === 'choice' && event.id.startsWith('lang:')) {
      turn.setLanguage(event.id === 'lang:or' ? 'or' : 'en');
      const held = turn.s.held as DialogEvent | undefined;
      turn.s.held = undefined;
      turn.say(this.welcome(turn));
      if (held) this.dispatch(turn, held);
      return;
    }
    const guess = event.kind === 'text' ? languageOf(event.understanding) : undefined;
    if (!guess) {
      turn.s.held = event.kind === 'text' ? event : undefined;
      turn.say({
        kind: 'buttons',
        text: `${turn.ctx.i18n.t('or', 'language-question')}\n${turn.ctx.i18n.t('en', 'language-question')}`,
        buttons: [
          { id: 'lang:or', title: turn.ctx.i18n.t('or', 'language-name') },
          { id: 'lang:en', title: turn.ctx.i18n.t('en', 'language-name') },
        ],
      });
      return;
    }
    turn.setLanguage(guess);
    const u = (event as Extract<DialogEvent, { kind: 'text' }>).understanding;
    const isGreeting = u.decision.kind === 'builtin' && (u.decision.intent === 'greet' || u.decision.intent === 'help');
    if (isGreeting) return turn.say(this.welcome(turn));
    // A first message that asks for something gets a one-line hello, then the answer (not two menus).
    turn.text('welcome-short');
    this.dispatch(turn, event);
  }

  private welcome(turn: Turn): Reply {
    const other: Language = turn.views.lang === 'en' ? 'or' : 'en';
    return turn.views.buttons(turn.views.t('welcome'), [
      turn.views.button('menu', 'btn-menu'),
      turn.views.button('apps', 'btn-my-applications'),
      { id: `lang:${other}`, title: turn.ctx.i18n.t(other, 'language-name') },
    ]);
  }

  /** Citizens who switch language without saying so are answered in the language they now write in. */
  private followLanguage(turn: Turn, u: Understanding): void {
    const current = turn.s.language;
    const written = u.language;
    const words = u.normalized.split(' ').filter(Boolean).length;
    const answering = Boolean(turn.s.form?.asking);
    if (current === 'en' && (written === 'or' || (written === 'mixed' && /[\u0B00-\u0B7F]/.test(u.text)))) turn.setLanguage('or');
    else if (current === 'en' && written === 'or-Latn' && words >= 3 && !answering) turn.setLanguage('or');
    else if (current === 'or' && written === 'en' && words >= 3 && !answering) turn.setLanguage('en');
  }

  private isIdle(turn: Turn): boolean {
    const form = turn.s.form;
    return form !== undefined && turn.ctx.now.getTime() - Date.parse(form.updatedAt) > turn.ctx.resumeAfterMs;
  }

  /**
   * A form left for longer than RESUME_AFTER_HOURS is offered for resumption, never silently continued or
   * lost. A new request in the same message is acted on, with the old form kept aside.
   */
  private afterIdle(turn: Turn, event: DialogEvent): void {
    const form = turn.s.form!;
    const d = event.kind === 'text' ? event.understanding.decision : undefined;
    if (d && (d.kind === 'service' || d.kind === 'ambiguous' || (d.kind === 'builtin' && CONTROL.has(d.intent)))) {
      this.park(turn);
      return this.dispatch(turn, event);
    }
    this.park(turn);
    this.offerResume(turn, form);
  }

  // --- dispatch ------------------------------------------------------------------------------------

  private dispatch(turn: Turn, event: DialogEvent): void {
    switch (event.kind) {
      case 'choice':
        return this.onChoice(turn, event.id);
      case 'text':
        if (event.viaVoice) turn.text('voice-heard', { text: event.text });
        return this.onText(turn, voiceDoubt(event), event.viaVoice ? (event.voiceConfidence ?? 0) : undefined);
      case 'location':
        return this.onLocation(turn, event);
      case 'voice_failed':
        turn.text(`voice-failed-${event.reason}`);
        return this.repeatQuestion(turn);
      case 'media':
        turn.text('media-not-needed');
        return this.repeatQuestion(turn);
      case 'unsupported':
        turn.text('unsupported-message');
        return this.repeatQuestion(turn);
    }
  }

  private onChoice(turn: Turn, id: string): void {
    const { s, views, ctx } = turn;
    const [kind, a, b] = id.split(':');
    const form = s.form;
    switch (kind) {
      case 'lang':
        turn.setLanguage(a === 'or' ? 'or' : 'en');
        turn.text('language-changed');
        return this.repeatQuestion(turn);
      case 'menu':
        return turn.say(views.departments(Number(a ?? 0)));
      case 'dept': {
        const list = views.services(a ?? '', Number(b ?? 0));
        return list ? turn.say(list) : turn.say(views.departments(0));
      }
      case 'svc': {
        const service = ctx.catalog.service(id.slice(4));
        if (!service) return turn.say(views.departments(0));
        s.offer = { kind: 'apply', serviceId: service.id };
        return turn.say(views.serviceCard(service));
      }
      case 'apply': {
        const service = ctx.catalog.service(id.slice(6));
        return service ? this.startForm(turn, service) : turn.say(views.departments(0));
      }
      case 'apps':
        return turn.say(views.applicationList(ctx.applications));
      case 'app': {
        const app = ctx.applications.find((x) => x.reference === id.slice(4));
        return app ? turn.say(views.applicationStatus(app)) : turn.say(views.applicationList(ctx.applications));
      }
      case 'yes':
        return this.onYesNo(turn, 'yes');
      case 'no':
        return this.onYesNo(turn, 'no');
      case 'resume':
        return this.resume(turn);
      case 'cancel':
        return this.cancel(turn);
      case 'help':
        return this.builtin(turn, 'help');
      case 'human':
        return this.builtin(turn, 'human');
      case 'opt':
        if (form && a && form.asking === a && b !== undefined) return this.answer(turn, form, { ok: true, value: id.slice(`opt:${a}:`.length) });
        return this.stale(turn);
      case 'page':
        if (form && a && form.asking === a) {
          form.page = Number(b ?? 0);
          return this.ask(turn, form);
        }
        return this.stale(turn);
      case 'skip':
        if (form && a && form.asking === a && this.isOptional(ctx.catalog, form.serviceId, a)) {
          form.skipped.push(a);
          return this.next(turn, form);
        }
        return this.stale(turn);
      case 'confirm':
        return form?.phase === 'confirming' ? this.submit(turn, form) : this.stale(turn);
      case 'edit':
        if (!form) return this.stale(turn);
        form.phase = 'choosing_edit';
        form.page = 0;
        return turn.say(views.editChoices(form, this.fieldsOf(ctx.catalog, form)));
      case 'editpage':
        if (form?.phase !== 'choosing_edit') return this.stale(turn);
        form.page = Number(a ?? 0);
        return turn.say(views.editChoices(form, this.fieldsOf(ctx.catalog, form)));
      case 'editf':
        return form && a ? this.reask(turn, form, a) : this.stale(turn);
      default:
        return this.stale(turn);
    }
  }

  /** A button from an earlier message that no longer applies. */
  private stale(turn: Turn): void {
    turn.text('stale-button');
    this.repeatQuestion(turn);
  }

  private onText(turn: Turn, u: Understanding, voiceConfidence: number | undefined): void {
    const { s } = turn;
    const d = u.decision;
    const reference = u.entities.find((e) => e.type === 'reference');
    if (reference && (!s.form?.asking || d.kind === 'builtin')) return this.status(turn, reference.value);
    // A typed button title ("Confirm", "ଜାରି ରଖନ୍ତୁ", a department's name) works like tapping it.
    const typed = s.offered.find((c) => normalizeTitle(c.title) === normalizeTitle(u.text));
    if (typed) return this.onChoice(turn, typed.id);

    const form = s.form;
    if (!form && s.parked.length > 0 && this.saysContinue(turn, u.text)) return this.resume(turn);
    if (!form) {
      if (s.offer && d.kind === 'builtin' && (d.intent === 'affirm' || d.intent === 'deny')) return this.onYesNo(turn, d.intent === 'affirm' ? 'yes' : 'no');
      if (s.offer && d.kind !== 'service' && d.kind !== 'ambiguous') {
        const yn = turn.ctx.parser.yesNo(u.normalized);
        if (yn) return this.onYesNo(turn, yn);
      }
      return this.request(turn, u);
    }

    const control = d.kind === 'builtin' && CONTROL.has(d.intent) && d.confidence >= CONTROL_CONFIDENCE ? d.intent : undefined;
    if (form.heard) {
      const yn = turn.ctx.parser.yesNo(u.normalized) ?? (d.kind === 'builtin' && (d.intent === 'affirm' || d.intent === 'deny') ? (d.intent === 'affirm' ? 'yes' : 'no') : undefined);
      if (yn) return this.onYesNo(turn, yn);
    }
    if (this.correction(turn, form, u)) return;
    if (form.phase === 'confirming' && d.kind === 'builtin' && (d.intent === 'affirm' || d.intent === 'deny')) {
      return d.intent === 'affirm' ? this.submit(turn, form) : this.onChoice(turn, 'edit');
    }
    if (!form.asking) {
      if (control) return this.builtin(turn, control);
      if (d.kind === 'service' && d.serviceId !== form.serviceId) return this.digression(turn, form, d.serviceId, u);
      if (d.kind === 'builtin') return this.builtin(turn, d.intent);
      turn.text('form-pending', { service: turn.views.serviceName(turn.ctx.catalog.service(form.serviceId)!) });
      return this.repeatQuestion(turn);
    }

    const field = turn.ctx.catalog.fields.get(form.asking)!;
    // Strict fields (dates, numbers, choices…) rarely mistake a command for an answer, so the answer is tried
    // first ("ଚାରି" is four, not a command). Free-text fields accept almost anything, so commands and other
    // requests go first ("I want to talk to a person" is not a father's name).
    if (FREE_TEXT.has(field.type)) {
      if (control) return this.builtin(turn, control);
      // Only a clear request for another service, and only where an answer would not name one: a purpose
      // ("for my scholarship") or an occupation often does.
      if (field.type === 'name' && d.kind === 'service' && d.serviceId !== form.serviceId && (d.confidence >= FREE_TEXT_DIGRESSION || words(u.text) >= LONGER_THAN_A_NAME)) {
        return this.digression(turn, form, d.serviceId, u);
      }
    }
    const result = this.validate(turn, field, u, form.values, form.serviceId);
    if (result.ok) return this.answer(turn, form, result, voiceConfidence);
    if (control) return this.builtin(turn, control);
    if (otherService(d, form.serviceId)) return this.elsewhere(turn, form, d, u);
    if (d.kind === 'builtin' && d.intent !== 'affirm' && d.intent !== 'deny') return this.builtin(turn, d.intent);
    return this.invalid(turn, form, field, result);
  }

  /** "continue" / "ଜାରି ରଖନ୍ତୁ" typed after leaving a form for the menu: the Continue button's label in either language. */
  private saysContinue(turn: Turn, text: string): boolean {
    const typed = normalizeTitle(text);
    return (['en', 'or'] as const).some((lang) => normalizeTitle(turn.ctx.i18n.t(lang, 'btn-continue')) === typed || normalizeTitle(turn.ctx.i18n.t(lang, 'btn-continue-short')) === typed);
  }

  /** Mid-form, the message asks for another service: a confident one is a digression, a guess or a set is offered. */
  private elsewhere(turn: Turn, form: FormState, d: Understanding['decision'], u: Understanding): void {
    if (d.kind === 'service' || d.kind === 'unsure') return this.digression(turn, form, d.serviceId, u);
    if (d.kind === 'ambiguous') {
      const list = turn.views.serviceChoices(d.serviceIds, 'ambiguous-question');
      turn.say(list);
      return turn.say(turn.views.buttons(turn.views.t('form-kept', { service: turn.views.serviceName(turn.ctx.catalog.service(form.serviceId)!) }), [turn.views.button('resume', 'btn-continue')]));
    }
  }

  /** A free-text message outside a form: a service, a choice between some, a guess, a built-in, or none. */
  private request(turn: Turn, u: Understanding): void {
    const { s, views, ctx } = turn;
    const d = u.decision;
    switch (d.kind) {
      case 'builtin':
        return this.builtin(turn, d.intent);
      case 'service': {
        const service = ctx.catalog.service(d.serviceId)!;
        s.prefill = { serviceId: service.id, values: this.prefillFrom(turn, service, u) };
        s.offer = { kind: 'apply', serviceId: service.id };
        return turn.say(views.serviceCard(service));
      }
      case 'ambiguous':
        s.prefill = undefined;
        return turn.say(views.serviceChoices(d.serviceIds, 'ambiguous-question'));
      case 'unsure': {
        const service = ctx.catalog.service(d.serviceId)!;
        s.prefill = { serviceId: service.id, values: this.prefillFrom(turn, service, u) };
        s.offer = { kind: 'did_you_mean', serviceId: service.id, text: u.text, normalized: u.normalized };
        turn.utterances.push(utterance(u, 'unsure'));
        return turn.say(views.buttons(views.t('did-you-mean', { service: views.serviceName(service) }), [
          views.button('yes', 'btn-yes'),
          views.button('no', 'btn-no'),
          views.button('menu', 'btn-menu'),
        ]));
      }
      case 'none':
        turn.utterances.push(utterance(u, 'none'));
        // A second chance: services the message faintly resembles are offered, never started unasked.
        if (d.suggestions?.length) return turn.say(views.serviceChoices(d.suggestions, 'out-of-scope-suggest'));
        return turn.say(views.buttons(views.t('out-of-scope'), [views.button('menu', 'btn-menu'), views.button('help', 'btn-help')]));
    }
  }

  private onYesNo(turn: Turn, answer: 'yes' | 'no'): void {
    const { s, ctx, views } = turn;
    const form = s.form;
    if (form?.heard) {
      const heard = form.heard;
      form.heard = undefined;
      if (answer === 'yes') {
        form.values[heard.field] = heard.value;
        form.failures = 0;
        return this.next(turn, form);
      }
      return this.ask(turn, form, views.t('voice-say-again'));
    }
    if (form?.asking && ctx.catalog.fields.get(form.asking)?.type === 'yes_no') return this.answer(turn, form, { ok: true, value: answer });
    if (form?.phase === 'confirming') return answer === 'yes' ? this.submit(turn, form) : this.onChoice(turn, 'edit');
    const offer = s.offer;
    s.offer = undefined;
    if (!offer) return turn.say(views.buttons(views.t('nothing-to-confirm'), [views.button('menu', 'btn-menu'), views.button('help', 'btn-help')]));
    if (offer.kind === 'resume') {
      if (answer === 'yes') return this.resume(turn);
      s.form ??= s.parked.pop();
      return this.cancel(turn);
    }
    const service = ctx.catalog.service(offer.serviceId);
    if (!service) return turn.say(views.departments(0));
    if (answer === 'yes') return this.startForm(turn, service);
    if (offer.kind === 'did_you_mean') {
      turn.utterances.push({ text: offer.text, normalized: offer.normalized, language: null, predicted: offer.serviceId, confidence: null, reason: 'corrected' });
    }
    s.prefill = undefined;
    turn.say(views.buttons(views.t('rephrase'), [views.button('menu', 'btn-menu'), views.button('help', 'btn-help')]));
  }

  // --- built-ins -----------------------------------------------------------------------------------

  private builtin(turn: Turn, intent: BuiltinIntent): void {
    const { s, views, ctx } = turn;
    switch (intent) {
      case 'greet':
        return turn.say(this.welcome(turn));
      case 'thanks':
        turn.text('thanks-reply');
        return this.repeatQuestion(turn, false);
      case 'help':
        turn.say(views.buttons(views.t('help-text'), [views.button('menu', 'btn-menu'), views.button('apps', 'btn-my-applications'), views.button('human', 'btn-human')]));
        return this.repeatQuestion(turn, false);
      case 'menu':
        if (s.form) this.park(turn);
        return turn.say(views.departments(0));
      case 'cancel':
        return this.cancel(turn);
      case 'restart':
        s.form = undefined;
        s.parked = [];
        s.offer = undefined;
        s.prefill = undefined;
        turn.text('restarted');
        return turn.say(this.welcome(turn));
      case 'change_language': {
        turn.setLanguage(s.language === 'or' ? 'en' : 'or');
        turn.text('language-changed');
        return this.repeatQuestion(turn, false);
      }
      case 'human': {
        const service = s.form ? ctx.catalog.service(s.form.serviceId) : undefined;
        turn.text('human-handover', { officer: service?.officer?.[turn.views.lang] ?? turn.views.t('officer-unknown') });
        return this.repeatQuestion(turn, false);
      }
      case 'status':
        turn.say(views.applicationList(ctx.applications));
        return this.repeatQuestion(turn, false);
      case 'affirm':
      case 'deny':
        return this.onYesNo(turn, intent === 'affirm' ? 'yes' : 'no');
      case 'voice_off':
      case 'voice_on':
        s.spoken = intent === 'voice_on';
        turn.text(s.spoken ? 'voice-replies-on' : 'voice-replies-off');
        return this.repeatQuestion(turn, false);
    }
  }

  private cancel(turn: Turn): void {
    const { s, views, ctx } = turn;
    if (!s.form && s.offer?.kind === 'resume') s.form = s.parked.pop();
    s.offer = undefined;
    s.prefill = undefined;
    if (!s.form) return turn.say(views.buttons(views.t('nothing-to-cancel'), [views.button('menu', 'btn-menu')]));
    const service = ctx.catalog.service(s.form.serviceId)!;
    s.form = s.parked.pop();
    turn.text('cancelled', { service: views.serviceName(service) });
    if (s.form) return this.offerResume(turn, s.form);
    turn.say(views.buttons(views.t('what-next'), [views.button('menu', 'btn-menu'), views.button('apps', 'btn-my-applications')]));
  }

  private status(turn: Turn, reference: string): void {
    const app = turn.ctx.applications.find((a) => a.reference === reference);
    if (!app) turn.text('status-not-found', { reference });
    else turn.say(turn.views.applicationStatus(app));
    this.repeatQuestion(turn, false);
  }

  // --- forms ---------------------------------------------------------------------------------------

  private fieldsOf(catalog: Catalog, form: FormState): FieldDef[] {
    const service = catalog.service(form.serviceId)!;
    return service.fields
      .filter((f) => !f.when || Object.entries(f.when).every(([k, v]) => form.values[k] === v))
      .map((f) => catalog.fields.get(f.key)!);
  }

  private isOptional(catalog: Catalog, serviceId: string, key: string): boolean {
    return catalog.service(serviceId)?.fields.find((f) => f.key === key)?.optional ?? false;
  }

  private startForm(turn: Turn, service: Service): void {
    const { s, ctx, views } = turn;
    if (s.form?.serviceId === service.id) return this.resume(turn);
    if (s.form) this.park(turn);
    const parkedSame = s.parked.findIndex((f) => f.serviceId === service.id);
    if (parkedSame >= 0) {
      s.form = s.parked.splice(parkedSame, 1)[0];
      return this.resume(turn);
    }
    const now = ctx.now.toISOString();
    const form: FormState = { serviceId: service.id, values: {}, failures: 0, phase: 'filling', skipped: [], page: 0, startedAt: now, updatedAt: now };
    const prefill = s.prefill?.serviceId === service.id ? s.prefill.values : {};
    s.prefill = undefined;
    s.offer = undefined;
    s.form = form;
    const fields = this.fieldsOf(ctx.catalog, form);
    const given = Object.entries(prefill).filter(([k]) => fields.some((f) => f.key === k));
    for (const [k, v] of given) form.values[k] = v;
    turn.text('form-start', { service: views.serviceName(service), count: this.fieldsOf(ctx.catalog, form).length - given.length });
    if (given.length) {
      turn.text('form-prefilled', { values: given.map(([k, v]) => `${views.fieldLabel(k)}: ${views.value(ctx.catalog.fields.get(k)!, v)}`).join(', ') });
    }
    this.next(turn, form);
  }

  /** Values for this service's fields found in the request itself, validated like answers. */
  private prefillFrom(turn: Turn, service: Service, u: Understanding): Record<string, string> {
    const values: Record<string, string> = {};
    const byType = new Map<string, string>([
      ['district', 'district'], ['date', 'date'], ['aadhaar', 'aadhaar'], ['mobile', 'mobile'], ['pin', 'pin'], ['email', 'email'], ['ifsc', 'ifsc'], ['vehicle_number', 'vehicle_number'],
    ]);
    for (const f of service.fields) {
      const field = turn.ctx.catalog.fields.get(f.key)!;
      // Only unambiguous entity types: a date in a request is not necessarily the date of birth.
      const entityType = byType.get(field.type);
      const fromEntity = entityType && entityType !== 'date' ? u.entities.find((e) => e.type === entityType && !e.invalid) : undefined;
      const fromChoice = field.type === 'choice' && (f.key === 'caste' || f.key === 'gender') ? u.entities.find((e) => e.type === f.key) : undefined;
      const hit = fromEntity ?? fromChoice;
      if (hit && values[f.key] === undefined && !Object.values(values).includes(hit.value)) values[f.key] = hit.value;
    }
    return values;
  }

  private validate(turn: Turn, field: FieldDef, u: Understanding, values: Record<string, string>, serviceId?: string): FieldResult {
    const { ctx } = turn;
    const rule = serviceId ? ctx.catalog.service(serviceId)?.fields.find((f) => f.key === field.key && (f.minAge !== undefined || f.maxAge !== undefined)) : undefined;
    const optionLabels =
      field.type === 'choice'
        ? new Map((field.options ?? []).map((o) => [o, (['en', 'or'] as const).map((l) => ctx.i18n.t(l, `option-${field.key}-${o}`))]))
        : undefined;
    const result = validateField(field, { text: u.text, normalized: u.normalized, entities: u.entities, optionLabels, values, today: ctx.now }, ctx.parser, ctx.catalog);
    return result.ok && rule ? checkAge(result.value, rule, ctx.now) : result;
  }

  private answer(turn: Turn, form: FormState, result: Extract<FieldResult, { ok: true }>, voiceConfidence?: number): void {
    const field = turn.ctx.catalog.fields.get(form.asking!)!;
    if (voiceConfidence !== undefined && (READ_BACK_TYPES.has(field.type) || voiceConfidence < SURE_VOICE)) {
      form.heard = { field: field.key, value: result.value };
      return turn.say(turn.views.buttons(turn.views.t('voice-read-back', { field: turn.views.fieldLabel(field.key), value: turn.views.value(field, result.value) }), [
        turn.views.button('yes', 'btn-yes'),
        turn.views.button('no', 'btn-no'),
      ]));
    }
    form.values[field.key] = result.value;
    form.failures = 0;
    form.page = 0;
    // A changed answer can make conditional fields irrelevant: drop their values.
    const relevant = new Set(this.fieldsOf(turn.ctx.catalog, form).map((f) => f.key));
    for (const key of Object.keys(form.values)) if (!relevant.has(key)) delete form.values[key];
    this.next(turn, form);
  }

  /** Ask the next missing field, or show the summary when all are filled. */
  private next(turn: Turn, form: FormState): void {
    const fields = this.fieldsOf(turn.ctx.catalog, form);
    const missing = fields.find((f) => form.values[f.key] === undefined && !form.skipped.includes(f.key));
    if (missing) {
      form.asking = missing.key;
      form.phase = 'filling';
      form.page = 0;
      return this.ask(turn, form);
    }
    form.asking = undefined;
    form.phase = 'confirming';
    turn.say(turn.views.summary(form, fields));
  }

  private ask(turn: Turn, form: FormState, prefix?: string): void {
    const field = turn.ctx.catalog.fields.get(form.asking!)!;
    turn.say(turn.views.question(field, form, this.isOptional(turn.ctx.catalog, form.serviceId, field.key), prefix));
  }

  /** Re-ask one field (an edit from the summary or a correction); `next` then asks what is still missing or shows the summary. */
  private reask(turn: Turn, form: FormState, key: string): void {
    if (!this.fieldsOf(turn.ctx.catalog, form).some((f) => f.key === key)) return this.stale(turn);
    form.asking = key;
    form.phase = 'filling';
    form.failures = 0;
    form.page = 0;
    this.ask(turn, form);
  }

  private invalid(turn: Turn, form: FormState, field: FieldDef, result: Extract<FieldResult, { ok: false }>): void {
    const { views } = turn;
    form.failures += 1;
    const example = views.t(`example-${field.type}`);
    const problem = views.t(result.error, { ...result.args, field: views.fieldLabel(field.key), example });
    if (form.failures >= MAX_FAILURES) {
      const optional = this.isOptional(turn.ctx.catalog, form.serviceId, field.key);
      return turn.say(views.buttons(`${problem}\n${views.t('too-many-failures', { field: views.fieldLabel(field.key) })}`, [
        views.button('help', 'btn-help'),
        optional ? views.button(`skip:${field.key}`, 'btn-skip') : views.button('human', 'btn-human'),
        views.button('cancel', 'btn-cancel'),
      ]));
    }
    this.ask(turn, form, `${problem}\n${views.t(form.failures === 1 ? 'reask-1' : 'reask-2')}`);
  }

  /**
   * "no, my district is Puri", "change the date of birth", "ନାମ ଭୁଲ ଅଛି": a correction names a field (or gives
   * a value only one filled field can take) together with a correction word.
   */
  private correction(turn: Turn, form: FormState, u: Understanding): boolean {
    const { ctx } = turn;
    if (!ctx.parser.isCorrection(u.normalized)) return false;
    const fields = this.fieldsOf(ctx.catalog, form);
    const named = this.mentionedField(turn, fields, u.normalized);
    const entityField = fields.find((f) => form.values[f.key] !== undefined && f.key !== form.asking && u.entities.some((e) => !e.invalid && e.type === entityTypeOf(f)));
    const target = named ?? entityField;
    if (!target) return false;
    const result = this.validate(turn, target, u, form.values, form.serviceId);
    if (result.ok && (entityField === target || result.value !== form.values[target.key]) && target.type !== 'name' && target.type !== 'text' && target.type !== 'address') {
      form.values[target.key] = result.value;
      turn.text('field-changed', { field: turn.views.fieldLabel(target.key), value: turn.views.value(target, result.value) });
      if (form.phase === 'confirming' || !form.asking) return (this.next(turn, form), true);
      this.ask(turn, form);
      return true;
    }
    this.reask(turn, form, target.key);
    return true;
  }

  private mentionedField(turn: Turn, fields: FieldDef[], normalized: string): FieldDef | undefined {
    const { ctx } = turn;
    const text = ` ${normalized} `;
    let best: { field: FieldDef; length: number } | undefined;
    for (const f of fields) {
      for (const lang of ['en', 'or'] as const) {
        const label = ctx.i18n.t(lang, `field-${f.key}`).toLowerCase().normalize('NFC');
        for (const candidate of [label, f.key.replace(/_/g, ' ')]) {
          if (candidate.length >= 3 && text.includes(` ${candidate} `) && (!best || candidate.length > best.length)) best = { field: f, length: candidate.length };
          else if (candidate.length >= 3 && text.includes(` ${candidate}`) && lang === 'or' && (!best || candidate.length > best.length)) best = { field: f, length: candidate.length };
        }
      }
    }
    return best?.field;
  }

  /** Another service asked for mid-form: show it, keep the current form, offer both. */
  private digression(turn: Turn, form: FormState, serviceId: string, u: Understanding): void {
    const { s, views, ctx } = turn;
    const other = ctx.catalog.service(serviceId)!;
    const current = ctx.catalog.service(form.serviceId)!;
    s.prefill = { serviceId: other.id, values: this.prefillFrom(turn, other, u) };
    const card = views.serviceCard(other);
    turn.say(card.kind === 'buttons' ? { kind: 'text', text: card.text } : card);
    turn.say(views.buttons(views.t('digression-offer', { current: views.serviceName(current), other: views.serviceName(other) }), [
      views.button(`apply:${other.id}`, 'btn-apply-other'),
      views.button('resume', 'btn-continue'),
      views.button('menu', 'btn-menu'),
    ]));
  }

  private park(turn: Turn): void {
    const { s } = turn;
    if (!s.form) return;
    s.parked = [...s.parked.filter((f) => f.serviceId !== s.form!.serviceId), s.form].slice(-3);
    s.form = undefined;
  }

  private offerResume(turn: Turn, form: FormState): void {
    const { views, ctx } = turn;
    turn.s.offer = { kind: 'resume' };
    turn.say(views.buttons(views.t('resume-offer', { service: views.serviceName(ctx.catalog.service(form.serviceId)!) }), [
      views.button('resume', 'btn-continue'),
      views.button('cancel', 'btn-cancel'),
      views.button('menu', 'btn-menu'),
    ]));
  }

  private resume(turn: Turn): void {
    const { s, views, ctx } = turn;
    s.offer = undefined;
    if (!s.form) s.form = s.parked.pop();
    if (!s.form) return turn.say(views.departments(0));
    turn.text('resumed', { service: views.serviceName(ctx.catalog.service(s.form.serviceId)!) });
    if (s.form.phase === 'confirming') return turn.say(views.summary(s.form, this.fieldsOf(ctx.catalog, s.form)));
    this.next(turn, s.form);
  }

  /** Ask again whatever the citizen was last asked (after a digression, an error, a help text). */
  private repeatQuestion(turn: Turn, orMenu = true): void {
    const { s, views, ctx } = turn;
    const form = s.form;
    if (form?.heard) {
      const field = ctx.catalog.fields.get(form.heard.field)!;
      return turn.say(views.buttons(views.t('voice-read-back', { field: views.fieldLabel(field.key), value: views.value(field, form.heard.value) }), [views.button('yes', 'btn-yes'), views.button('no', 'btn-no')]));
    }
    if (form?.asking) return this.ask(turn, form);
    if (form?.phase === 'confirming') return turn.say(views.summary(form, this.fieldsOf(ctx.catalog, form)));
    if (form?.phase === 'choosing_edit') return turn.say(views.editChoices(form, this.fieldsOf(ctx.catalog, form)));
    if (orMenu) turn.say(views.buttons(views.t('what-next'), [views.button('menu', 'btn-menu'), views.button('help', 'btn-help')]));
  }

  private onLocation(turn: Turn, event: Extract<DialogEvent, { kind: 'location' }>): void {
    const form = turn.s.form;
    const field = form?.asking ? turn.ctx.catalog.fields.get(form.asking) : undefined;
    if (form && field?.type === 'address') {
      const place = [event.name, event.address].filter(Boolean).join(', ');
      const value = `${place ? `${place} ` : ''}(${event.latitude.toFixed(5)}, ${event.longitude.toFixed(5)})`.trim();
      return this.answer(turn, form, { ok: true, value });
    }
    turn.text('location-not-needed');
    this.repeatQuestion(turn);
  }

  private submit(turn: Turn, form: FormState): void {
    const { s, ctx, views } = turn;
    const service = ctx.catalog.service(form.serviceId)!;
    const reference = ctx.newReference(service.id);
    const due = service.ortpsaDays ? new Date(ctx.now.getTime() + service.ortpsaDays * 86_400_000).toISOString().slice(0, 10) : null;
    turn.applications.push({ reference, serviceId: service.id, fields: { ...form.values }, dueDate: due, officer: service.officer?.en ?? null });
    s.form = s.parked.pop();
    s.offer = undefined;
    turn.text(due ? 'submitted' : 'submitted-no-limit', {
      service: views.serviceName(service),
      reference,
      due: views.formatDate(due),
      days: service.ortpsaDays ?? 0,
      officer: service.officer?.[views.lang] ?? views.t('officer-unknown'),
    });
    if (s.form) this.offerResume(turn, s.form);
  }
}

/** The buttons and rows of this turn's replies, so a citizen can also type one of them. */
function offeredChoices(replies: Reply[]): { id: string; title: string }[] {
  return replies
    .flatMap((r) => (r.kind === 'buttons' ? r.buttons : r.kind === 'list' ? r.sections.flatMap((x) => x.rows) : []))
    .map(({ id, title }) => ({ id, title }))
    .slice(-20);
}

/** A scheme's age rule on a date of birth ("old age pension: 60 or older"). */
function checkAge(isoDate: string, rule: ServiceField, today: Date): FieldResult {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  if (rule.minAge !== undefined && age < rule.minAge) return { ok: false, error: 'invalid-age-min', args: { min: rule.minAge, age } };
  if (rule.maxAge !== undefined && age > rule.maxAge) return { ok: false, error: 'invalid-age-max', args: { max: rule.maxAge, age } };
  return { ok: true, value: isoDate };
}

/** The decision names a service other than the form's (confidently, as a guess, or as a set). */
function otherService(d: Understanding['decision'], current: string): boolean {
  if (d.kind === 'service' || d.kind === 'unsure') return d.serviceId !== current;
  return d.kind === 'ambiguous' && !d.serviceIds.includes(current);
}

/** Titles compared as typed: case, spacing, punctuation and the ellipsis of shortened titles do not matter. */
function normalizeTitle(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[….,!?।]+/g, '').replace(/\s+/g, ' ').trim();
}

/** A service recognised in an unsure transcript is only a guess: ask "did you mean …?" rather than act. */
function voiceDoubt(event: Extract<DialogEvent, { kind: 'text' }>): Understanding {
  const u = event.understanding;
  if (!event.viaVoice || (event.voiceConfidence ?? 0) >= SURE_VOICE || u.decision.kind !== 'service') return u;
  return { ...u, decision: { kind: 'unsure', serviceId: u.decision.serviceId, confidence: u.decision.confidence } };
}

/** The language to answer a first message in, or undefined when it cannot be told. */
function languageOf(u: Understanding): Language | undefined {
  // Romanised Odia and code-mixed writers speak Odia: they are answered in Odia (and can switch with one tap).
  if (u.language === 'or' || u.language === 'or-Latn' || u.language === 'mixed') return 'or';
  if (u.language === 'en') return 'en';
  return undefined;
}

function entityTypeOf(field: FieldDef): string | undefined {
  switch (field.type) {
    case 'district':
    case 'date':
    case 'aadhaar':
    case 'mobile':
    case 'pin':
    case 'email':
    case 'ifsc':
    case 'vehicle_number':
      return field.type;
    default:
      return undefined;
  }
}

function utterance(u: Understanding, reason: UtteranceInput['reason']): UtteranceInput {
  return { text: u.text, normalized: u.normalized, language: u.language, predicted: u.intents[0]?.id ?? null, confidence: u.intents[0]?.confidence ?? null, reason };
}
