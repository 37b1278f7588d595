/** From a ranking to what the dialog acts on. */
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/nlu/decide.js';
import { applyGroups, applyMarkers, compileGroups, compileMarkers, MARKER_PENALTY } from '../../src/nlu/groups.js';
import { Canonicalizer } from '../../src/nlu/synonyms.js';

const ranked = (...pairs: [string, number][]) => pairs.map(([id, confidence]) => ({ id, confidence }));

describe('decide', () => {
  it('takes a clear winner as the service', () => {
    expect(decide(ranked(['rdm.income_certificate', 0.72], ['rdm.residence_certificate', 0.41]))).toEqual({
      kind: 'service',
      serviceId: 'rdm.income_certificate',
      confidence: 0.72,
    });
  });

  it('offers services scoring within the band as a choice, leaving built-ins and none out', () => {
    const d = decide(ranked(['rdm.sc_certificate', 0.53], ['greet', 0.52], ['rdm.st_certificate', 0.51], ['none', 0.5], ['rdm.obc_certificate', 0.4]));
    expect(d).toEqual({ kind: 'ambiguous', serviceIds: ['rdm.sc_certificate', 'rdm.st_certificate'] });
  });

  it('asks "did you mean" when the winner is weak or too close to the runner-up', () => {
    expect(decide(ranked(['trn.learner_licence', 0.35], ['trn.driving_licence', 0.2])).kind).toBe('unsure');
    expect(decide(ranked(['trn.learner_licence', 0.6], ['cul.artist_pension', 0.555])).kind).toBe('unsure');
  });

  it('passes built-in intents through', () => {
    expect(decide(ranked(['thanks', 0.9], ['rdm.income_certificate', 0.2]))).toEqual({ kind: 'builtin', intent: 'thanks', confidence: 0.9 });
  });

  it('rejects weak rankings, suggesting at most three services that still score', () => {
    const d = decide(ranked(['lab.factory_licence', 0.28], ['status', 0.27], ['lab.boiler_registration', 0.26], ['hud.trade_licence', 0.25], ['agr.seed_licence', 0.245], ['coo.ccb_loan', 0.1]));
    expect(d).toEqual({ kind: 'none', suggestions: ['lab.factory_licence', 'lab.boiler_registration', 'hud.trade_licence'] });
  });

  it('rejects chit-chat without suggestions when nothing scores', () => {
    expect(decide(ranked(['none', 0.8], ['rdm.income_certificate', 0.12]))).toEqual({ kind: 'none' });
    expect(decide([])).toEqual({ kind: 'none' });
  });
});

describe('service groups', () => {
  const canon = new Canonicalizer({});
  const groups = compileGroups({ pension: { generic: ['pension'], services: { 'sse.madhu_babu_pension': ['madhu babu'], 'sse.ignwps': ['widow'], 'sse.pension_status': ['status'] } } }, canon);
  const apply = (text: string, ...pairs: [string, number][]) => applyGroups(decide(ranked(...pairs)), ranked(...pairs), canon.key(text), groups);

  it('offers the whole group, in the order written, when the message names only the group', () => {
    expect(apply('pension chahi', ['sse.pension_status', 0.54], ['sse.ignwps', 0.5])).toEqual({
      kind: 'ambiguous',
      serviceIds: ['sse.madhu_babu_pension', 'sse.ignwps', 'sse.pension_status'],
    });
  });

  it('leaves the decision alone when a word singles out a member', () => {
    expect(apply('widow pension', ['sse.ignwps', 0.8], ['sse.madhu_babu_pension', 0.5])).toMatchObject({ kind: 'service', serviceId: 'sse.ignwps' });
  });

  it('leaves another service alone when the group word is only part of its request', () => {
    expect(apply('kalakar pension', ['cul.artist_assistance', 0.7], ['sse.madhu_babu_pension', 0.4])).toMatchObject({ kind: 'service', serviceId: 'cul.artist_assistance' });
  });
});

describe('service markers', () => {
  const canon = new Canonicalizer({});
  const markers = compileMarkers({ 'trn.driving_school_licence_renewal': ['school', 'ସ୍କୁଲ'] }, canon);

  it('lowers a service whose marker words are all missing, letting the next one lead', () => {
    const out = applyMarkers(ranked(['trn.driving_school_licence_renewal', 0.52], ['trn.driving_licence_renewal', 0.5]), canon.key('ଡ୍ରାଇଭିଂ ଲାଇସେନ୍ସର ମିଆଦ ସରିଗଲା'), markers);
    expect(out.map((r) => r.id)).toEqual(['trn.driving_licence_renewal', 'trn.driving_school_licence_renewal']);
    expect(out[1]!.confidence).toBeCloseTo(0.52 * MARKER_PENALTY);
  });

  it('leaves it alone when a marker is there, in any script', () => {
    for (const text of ['driving school licence renewal', 'ଡ୍ରାଇଭିଂ ସ୍କୁଲ ଲାଇସେନ୍ସ ନବୀକରଣ']) {
      const out = applyMarkers(ranked(['trn.driving_school_licence_renewal', 0.52], ['trn.driving_licence_renewal', 0.5]), canon.key(text), markers);
      expect(out[0]).toEqual({ id: 'trn.driving_school_licence_renewal', confidence: 0.52 });
    }
  });
});
