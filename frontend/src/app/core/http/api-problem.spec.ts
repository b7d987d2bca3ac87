import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { problemOf } from './api-problem';

describe('problemOf', () => {
  it("follows the resource's error: null without one, the status and messages with one", () => {
    const error = signal<unknown>(undefined);
    const sut = problemOf({ error });
    expect(sut()).toBeNull();

    error.set(
      new HttpErrorResponse({
        status: 409,
        error: { message: ['Already ended'] },
      }),
    );
    expect(sut()).toEqual({ status: 409, messages: ['Already ended'] });

    error.set(undefined);
    expect(sut()).toBeNull();
  });
});
