import {
  HttpTestingController,
  TestRequest,
} from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';

/** Lets promise chains started by an event (e.g. an async submit handler) finish, then renders. */
export async function settle(
  fixture: ComponentFixture<unknown>,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

/** Waits (a few turns at most) for a request that is sent after some async steps, e.g. by a guard. */
export async function nextRequest(
  backend: HttpTestingController,
  url: string,
): Promise<TestRequest> {
  for (let turn = 0; turn < 20; turn++) {
    const [request] = backend.match(url);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`No request to ${url}`);
}
